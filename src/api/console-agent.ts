// The undici Agent of the console's WebSocket (the one use of undici left: Node 20 has no WebSocket
// client). Its connections follow the region's TLS trust as every API call does: the same rules
// (trust.ts), checked before the upgrade request, and so the token, is written.
import type { TLSSocket } from 'node:tls';
import type * as Undici from 'undici';
import type { Region } from '../config/types.js';
import { UsageError } from '../errors.js';
import { setV8Flag } from '../lib/v8-flags.js';
import { trustPolicyOf, trustRejection } from './trust.js';

// undici parses HTTP with a WebAssembly module. V8 re-compiles its hot functions in background
// threads, and Node waits for those before the process may exit: 100-400 ms measured after a
// single request. The baseline compiler alone is no slower for what we read and lets the process
// end at once. Set before the first connection, when undici compiles the module.
setV8Flag('--liftoff-only');

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/**
 * An Agent that holds connections to the region's trust rules alone; `onConnectError` hears why a
 * connection was refused (a WebSocket only reports that it failed). `undici` is the loaded module.
 */
export function trustedAgent(
  undici: Pick<typeof Undici, 'Agent' | 'buildConnector'>,
  region: Region,
  connectTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS,
  onConnectError: (err: Error) => void = () => {},
): Undici.Agent {
  const policy = trustPolicyOf(region);
  const connect = undici.buildConnector({
    timeout: connectTimeoutMs,
    rejectUnauthorized: false, // we decide, below, with the rules of the region
    maxCachedSessions: 0, // no TLS resumption: every connection shows its certificates afresh
    ...(policy.kind === 'ca' ? { ca: policy.ca } : {}),
  });
  // `refuse` also tells onConnectError: the WebSocket itself would only report that it failed
  const connectTrusting: Undici.buildConnector.connector = (options, callback) => {
    const refuse = (err: Error) => {
      onConnectError(err);
      callback(err, null);
    };
    const origin = `${options.protocol}//${options.host ?? options.hostname}`;
    if (options.protocol !== 'https:')
      return refuse(new UsageError(`refusing to connect to ${origin}: pvectl only talks HTTPS`));
    connect(options, (...args) => {
      const [err, socket] = args;
      if (err !== null) return refuse(err);
      const rejection = trustRejection(policy, socket as TLSSocket, options.hostname, origin, region);
      if (rejection) {
        socket.destroy();
        return refuse(rejection);
      }
      callback(null, socket);
    });
  };
  return new undici.Agent({ connect: connectTrusting });
}
