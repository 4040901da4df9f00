// The production HTTPS transport: one keep-alive node:https Agent per region, with the region's
// TLS trust enforced on each new connection before a byte of HTTP is written (so no credential
// ever reaches a server we do not trust): trusting-agent.ts. Node's own HTTP client, not undici:
// its parser is native, where undici's is WebAssembly compiled at each start, and undici's modules
// are a third of what a tiny API call evaluates (bench/README.md, "The request transport").
import type { Region } from '../config/types.js';
import { UsageError } from '../errors.js';
import { fetchVia } from './https-fetch.js';
import { trustPolicyOf } from './trust.js';
import { TrustingAgent } from './trusting-agent.js';

export type FetchLike = (
  url: string,
  init: {
    method: string;
    headers: Record<string, string>;
    body?: string | Uint8Array<ArrayBuffer>;
    signal?: AbortSignal;
  },
) => Promise<{
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}>;

export interface Transport {
  fetch: FetchLike;
  /** Destroys the Agent and its sockets (idle keep-alive sockets never hold the process open). */
  close(): Promise<void>;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/**
 * Connect timeout: opts.connectTimeoutMs, else region.connectTimeoutMs, else 10 s. Header and body
 * timeouts are off: the client bounds each call with its AbortSignal. An answer is read up to
 * opts.maxAnswerBytes (decompressed; default in answer-size.ts). `warn` (required: a
 * security warning must not depend on a default) receives the --insecure warning, given every
 * time a transport is created for an insecure region.
 */
export function createTransport(
  region: Region,
  opts: { connectTimeoutMs?: number; warn: (msg: string) => void; maxAnswerBytes?: number },
): Transport {
  if (!/^https:\/\//i.test(region.url)) {
    throw new UsageError(
      `region ${region.name}: URL ${region.url} must start with https:// (the token would travel in clear)`,
    );
  }
  const policy = trustPolicyOf(region);
  if (policy.kind === 'insecure') {
    opts.warn(
      `TLS verification is disabled for region ${region.name} (--insecure): the connection is not protected ` +
        `against interception`,
    );
  }
  const connectTimeoutMs = opts.connectTimeoutMs ?? region.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const agent = new TrustingAgent(region, policy, connectTimeoutMs);
  return {
    fetch: fetchVia(agent, connectTimeoutMs, opts.maxAnswerBytes),
    close: async () => agent.destroy(),
  };
}
