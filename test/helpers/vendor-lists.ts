// The environment that makes a built pvectl (e2e) read vendor checksum lists from the test
// instead of the internet: see vendor-fetch.mjs.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './sim.js';

/** `lists`: URL → the list's text, or null for an unreachable host; other URLs are unreachable too. */
export function vendorFetchEnv(lists: Record<string, string | null> = {}): Record<string, string> {
  const preload = pathToFileURL(join(repoRoot, 'test/helpers/vendor-fetch.mjs')).href;
  const inherited = process.env.NODE_OPTIONS ? `${process.env.NODE_OPTIONS} ` : '';
  return { NODE_OPTIONS: `${inherited}--import=${preload}`, PVECTL_TEST_VENDOR_LISTS: JSON.stringify(lists) };
}
