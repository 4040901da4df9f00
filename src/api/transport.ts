// The production HTTPS transport: one undici Agent per region, keep-alive, and the region's TLS
// trust enforced on each new connection before undici writes a byte (so no credential ever reaches
// a server we do not trust). Only undici's dispatcher and connector are loaded, not its fetch.
import type { TLSSocket } from 'node:tls';
import { setFlagsFromString } from 'node:v8';
import type { buildConnector as BuildConnector } from 'undici';
import Agent from 'undici/lib/dispatcher/agent.js';
import buildConnector from 'undici/lib/core/connect.js';
import type { Region } from '../config/types.js';
import { UsageError } from '../errors.js';
import { fetchVia } from './dispatch-fetch.js';
import { checkTrust, trustPolicyOf, type TrustPolicy } from './trust.js';

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
  /** Destroys the Agent: no idle keep-alive socket holds the process open. */
  close(): Promise<void>;
}

// undici parses HTTP with a WebAssembly module. V8 re-compiles its hot functions in background
// threads, and Node waits for those before the process may exit: 100-400 ms measured after a
// single request (still 90-110 ms with the dispatcher, for /version as for 5,000 guests). The
// baseline compiler alone is no slower for our response sizes and lets the process end at once.
// Set before the first connection, when undici compiles the module.
setFlagsFromString('--liftoff-only');

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
// A command's calls, and task polling a second or two apart, reuse one connection. Short, so that
// we rarely write into a connection the server or a middlebox is just closing (undici also honours
// a shorter `Keep-Alive: timeout=` hint). Idle sockets are unref'd: they never delay exit.
const KEEP_ALIVE_MS = 4_000;
const KEEP_ALIVE_MAX_MS = 30_000;

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
  const agent = new Agent({
    connect: trustingConnector(region, policy, connectTimeoutMs),
    keepAliveTimeout: KEEP_ALIVE_MS,
    keepAliveMaxTimeout: KEEP_ALIVE_MAX_MS,
    headersTimeout: 0,
    bodyTimeout: 0,
  });

  return { fetch: fetchVia(agent, connectTimeoutMs, opts.maxAnswerBytes), close: () => agent.destroy() };
}

/**
 * An Agent that holds connections to the region's trust rules alone, for the console's WebSocket;
 * `onConnectError` hears why a connection was refused (a WebSocket only reports that it failed).
 */
export function trustedAgent(
  region: Region,
  connectTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS,
  onConnectError: (err: Error) => void = () => {},
): InstanceType<typeof Agent> {
  const connect = trustingConnector(region, trustPolicyOf(region), connectTimeoutMs);
  return new Agent({
    connect: (options, callback) =>
      connect(options, (...args) => {
        if (args[0]) onConnectError(args[0]);
        callback(...args);
      }),
  });
}

function trustingConnector(region: Region, policy: TrustPolicy, timeout: number): BuildConnector.connector {
  const connect = buildConnector({
    timeout,
    rejectUnauthorized: false, // we decide, below, with the rules of the region
    maxCachedSessions: 0, // no TLS resumption: every connection shows its certificates afresh
    ...(policy.kind === 'ca' ? { ca: policy.ca } : {}),
  });
  return (options, callback) => {
    const origin = `${options.protocol}//${options.host ?? options.hostname}`;
    if (options.protocol !== 'https:') {
      callback(new UsageError(`refusing to connect to ${origin}: pvectl only talks HTTPS`), null);
      return;
    }
    connect(options, (...args) => {
      const [err, socket] = args;
      if (err !== null) return callback(err, null);
      let rejection: Error | null;
      try {
        rejection = checkTrust(policy, socket as TLSSocket, options.hostname, origin, region);
      } catch (e) {
        rejection = e as Error;
      }
      if (rejection) {
        socket.destroy();
        return callback(rejection, null);
      }
      callback(null, socket);
    });
  };
}
