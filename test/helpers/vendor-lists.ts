// The environment that makes a built pvectl (e2e) read vendor checksum lists from the test
// instead of the internet (see vendor-fetch.mjs), and the same for pvectl run in-process.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WebFetch } from '../../src/context.js';
import { repoRoot } from './sim.js';

/** `lists`: URL → the list's text, or null for an unreachable host; other URLs are unreachable too. */
export function vendorFetchEnv(lists: Record<string, string | null> = {}): Record<string, string> {
  const preload = pathToFileURL(join(repoRoot, 'test/helpers/vendor-fetch.mjs')).href;
  const inherited = process.env.NODE_OPTIONS ? `${process.env.NODE_OPTIONS} ` : '';
  return { NODE_OPTIONS: `${inherited}--import=${preload}`, PVECTL_TEST_VENDOR_LISTS: JSON.stringify(lists) };
}

/** In-process, what vendorFetchEnv does for a process: the webFetch for run() (test/helpers/cli.ts). */
export function vendorListsFetch(lists: Record<string, string | null> = {}): WebFetch {
  return async (url) => {
    const text = lists[url];
    if (typeof text === 'string') return new Response(text, { status: 200, headers: { 'content-type': 'text/plain' } });
    const host = new URL(url).hostname;
    throw new TypeError('fetch failed', {
      cause: Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }),
    });
  };
}
