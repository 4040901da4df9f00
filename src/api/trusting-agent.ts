// The keep-alive node:https Agent of one region's API calls. Each new connection is a TLS socket
// whose certificate is checked against the region's trust (trust.ts) before the Agent gets it, so
// no request byte (and no token) is ever written to a server we do not trust. Node's Agent waits for
// the callback of createConnection when it returns nothing (lib/_http_agent.js createSocket: the
// socket is used only when `oncreate` is called: so in Node 20.20's source and in nodejs/node main's,
// which only adds a proxy-tunnel case; 22 and 24 lie between the two). Our options reach
// createConnection as given to https.request (minus `signal`: ClientRequest's optsWithoutSignal),
// hence `connectSignal`.
import { Agent, type RequestOptions } from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import type { Region } from '../config/types.js';
import { CONNECT_TIMEOUT_CODE, markNeverSent } from './network-error.js';
import { trustRejection, type TrustPolicy } from './trust.js';

// A command's calls, and task polling a second or two apart, reuse one connection. Short, so that
// we rarely write into a connection the server or a middlebox is just closing (Node also honours a
// shorter `Keep-Alive: timeout=` hint). Node unrefs idle sockets: they never delay exit.
const KEEP_ALIVE_MS = 4_000;

/** A request option the Agent passes on to createConnection: the caller's signal ends a connect. */
export interface ConnectOptions extends RequestOptions {
  connectSignal?: AbortSignal;
}

type Callback = (err: Error | null, socket?: Duplex) => void;

export class TrustingAgent extends Agent {
  /** sockets still connecting or in their handshake (the Agent does not know them yet), each with its end */
  private readonly connecting = new Map<TLSSocket, (err: Error) => void>();

  constructor(
    private readonly region: Region,
    private readonly policy: TrustPolicy,
    private readonly connectTimeoutMs: number,
  ) {
    // `timeout` is the idle time of a free socket (keepSocketAlive); no TLS session is cached or
    // resumed (createConnection never passes one): every connection shows its certificates afresh
    super({ keepAlive: true, timeout: KEEP_ALIVE_MS, maxCachedSessions: 0 });
  }

  override createConnection(options: ConnectOptions, callback: Callback): undefined {
    const host = String(options.host ?? options.hostname ?? 'localhost');
    const port = Number(options.port ?? 443);
    const origin = new URL(`https://${host.includes(':') ? `[${host}]` : host}:${port}`).origin;
    const tlsOptions: ConnectionOptions = {
      host,
      port,
      servername: options.servername || undefined, // Node leaves it empty for an IP address
      rejectUnauthorized: false, // we decide, below, with the rules of the region
      ca: caOption(this.policy),
    };
    const socket = connect(tlsOptions);
    const signal = options.connectSignal;
    let settled = false;
    const done = (err: Error | null) => {
      if (settled) return; // one outcome per connection, whichever comes first
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.removeListener('error', failed);
      socket.removeListener('close', ended);
      this.connecting.delete(socket);
      if (err) {
        socket.destroy();
        return callback(err);
      }
      callback(null, socket);
    };
    // Every failure before the TLS session and the trust check is one where no request byte was
    // written (Node reports a server that closes or resets the connection mid-handshake as an
    // ECONNRESET like a lost answer's): marked, so that a write says "nothing was sent" (network-error.ts).
    // The caller's abort is rejected with its own reason by https-fetch.ts: not marked (not ours to change).
    const failed = (err: Error) => done(markNeverSent(err));
    const ended = () => failed(closed('the server closed the connection during the TLS handshake'));
    const onAbort = () => done(signal!.reason as Error);
    const timer = setTimeout(() => failed(connectTimeout(origin, this.connectTimeoutMs)), this.connectTimeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    this.connecting.set(socket, failed);
    socket.once('error', failed);
    socket.once('close', ended);
    socket.once('secureConnect', () => done(trustRejection(this.policy, socket, host, origin, this.region)));
    return undefined;
  }

  /** A free socket taken for a request waits as long as the request does: the caller bounds it. */
  override reuseSocket(socket: Duplex, request: Parameters<Agent['reuseSocket']>[1]): void {
    super.reuseSocket(socket, request);
    (socket as Socket).setTimeout(0);
  }

  /** Ends every socket, free, busy or still connecting. */
  override destroy(): void {
    for (const end of [...this.connecting.values()]) end(closed());
    super.destroy();
  }
}

function closed(why = 'the connection was closed before it was made'): Error {
  return Object.assign(new Error(why), { code: 'ECONNABORTED' });
}

function connectTimeout(origin: string, ms: number): Error {
  return Object.assign(new Error(`connecting to ${origin} took longer than ${ms} ms`), { code: CONNECT_TIMEOUT_CODE });
}

/**
 * The CAs the handshake verifies against. A pin (or --insecure) never looks at that verdict, so it
 * gets none: given no `ca`, Node builds its whole root store first (lib/internal/tls/secure-context.js
 * configSecureContext: `if (ca) addCACerts(…) else context.addRootCerts()`), once per process:
 * ~30 ms of a tiny API call's CPU where NODE_EXTRA_CA_CERTS has not loaded it at start (issue 13).
 */
export function caOption(policy: TrustPolicy): string[] | string | undefined {
  if (policy.kind === 'ca') return policy.ca;
  return policy.kind === 'system' ? undefined : [];
}
