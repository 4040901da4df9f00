// Turns the errors of a failed connection (as Node, our Agent and the console's undici report them)
// into one NetworkError whose message names the server and says what happened in words.
import { NetworkError } from '../errors.js';

/** The code of the error the API calls' Agent raises when the connect timeout ends a connection. */
export const CONNECT_TIMEOUT_CODE = 'PVECTL_CONNECT_TIMEOUT';
const TIMEOUT_CODES = [CONNECT_TIMEOUT_CODE, 'UND_ERR_CONNECT_TIMEOUT'];

// Set by the Agent on a failure before the TLS session and the trust check (trusting-agent.ts): no
// request byte, and no token, can have been written. Symbol.for: the same key in every bundle.
const NOT_SENT = Symbol.for('pvectl.neverSent');

/** Marks `err` (a connection's failure before its TLS session existed) as one where nothing was sent. */
export function markNeverSent<T>(err: T): T {
  if (typeof err === 'object' && err !== null && Object.isExtensible(err)) {
    Object.defineProperty(err, NOT_SENT, { value: true });
  }
  return err;
}

interface CodedError {
  code?: string;
  syscall?: string;
  message?: string;
  errors?: unknown[];
}

// Failures where no connection existed, so nothing was sent.
const CONNECT_FAILURES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed (temporary DNS failure)',
  ETIMEDOUT: 'connection timed out',
  [CONNECT_TIMEOUT_CODE]: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EHOSTDOWN: 'host is down',
};

const CONNECTION_LOST: Record<string, string> = {
  ECONNRESET: 'connection reset by the server',
  EPIPE: 'connection closed by the server',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_CLOSED: 'connection closed',
  UND_ERR_DESTROYED: 'the connection pool was closed',
  ECONNABORTED: 'connection aborted',
};

const HINTS: Record<string, string> = {
  ECONNREFUSED: 'Check the host and port in the region URL (Proxmox VE listens on 8006) and that pveproxy runs.',
  ENOTFOUND: 'Check the host name in the region URL.',
  ETIMEDOUT: 'Check that the host is reachable from here (VPN, firewall) and the port is right.',
  [CONNECT_TIMEOUT_CODE]: 'Check that the host is reachable from here (VPN, firewall) and the port is right.',
  UND_ERR_CONNECT_TIMEOUT: 'Check that the host is reachable from here (VPN, firewall) and the port is right.',
};

/** The NetworkError for a connection-level failure, or null when `err` is not one. */
export function toNetworkError(origin: string, err: unknown, connectTimeoutMs?: number): NetworkError | null {
  const e = firstCoded(err);
  const code = e?.code;
  if (!code) return null;
  if (code in CONNECT_FAILURES) {
    let what = CONNECT_FAILURES[code]!;
    if (TIMEOUT_CODES.includes(code) && connectTimeoutMs) what += ` after ${connectTimeoutMs / 1000} s`;
    return new NetworkError(`cannot connect to ${origin}: ${what}`, { hint: HINTS[code], cause: err });
  }
  // Node's "Client network socket disconnected before secure TLS connection was established" (an
  // ECONNRESET with no system call) or a reset during the handshake: a server that is not HTTPS,
  // or that refuses us, before any request
  if (marked(err) && (code === 'ECONNRESET' || code === 'EPIPE')) {
    return new NetworkError(`cannot connect to ${origin}: the server closed the connection before the TLS handshake`, {
      hint: 'Check that the URL points at an HTTPS endpoint (Proxmox VE: https://HOST:8006).',
      cause: err,
    });
  }
  // Node's "socket hang up" and "aborted" (ECONNRESET with no system call): the server closed the
  // connection before or during its answer, as undici's UND_ERR_SOCKET said; a real reset has one
  if (code === 'ECONNRESET' && e.syscall === undefined) {
    return new NetworkError(`connection to ${origin} failed: connection closed by the server`, { cause: err });
  }
  if (code in CONNECTION_LOST) {
    return new NetworkError(`connection to ${origin} failed: ${CONNECTION_LOST[code]}`, { cause: err });
  }
  if (tlsFailure(code)) {
    return new NetworkError(`TLS handshake with ${origin} failed (${e.message ?? code})`, {
      hint: 'Check that the URL points at an HTTPS endpoint (Proxmox VE: https://HOST:8006).',
      cause: err,
    });
  }
  // Node's HTTP parser (llhttp): the server's bytes are not an HTTP answer
  if (code.startsWith('HPE_')) {
    const why = e.message ? ` (${e.message})` : '';
    return new NetworkError(`connection to ${origin} failed: the answer is not valid HTTP${why}`, { cause: err });
  }
  // errno-style codes only: Node's own ERR_* (ERR_INVALID_CHAR from a header it refuses) are not
  // the network's
  if (/^E[A-Z0-9]+$/.test(code) || code.startsWith('UND_ERR')) {
    return new NetworkError(`connection to ${origin} failed: ${e.message ?? code}`, { cause: err });
  }
  return null;
}

/**
 * Whether a failed request never reached the server (no connection, no TLS session): nothing was
 * sent. Looks along the chain of causes (a NetworkError wraps what Node raised).
 */
export function neverSent(err: unknown): boolean {
  for (let e = err, depth = 0; typeof e === 'object' && e !== null && depth < 8; depth++) {
    if (marked(e)) return true;
    const code = firstCoded(e)?.code;
    if (code !== undefined) return code in CONNECT_FAILURES || tlsFailure(code);
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** OpenSSL's (EPROTO, ERR_SSL_*) and Node's TLS layer's (ERR_TLS_*: a handshake that timed out …). */
const tlsFailure = (code: string) => code === 'EPROTO' || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_');

function marked(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { [NOT_SENT]?: boolean })[NOT_SENT] === true;
}

// With several addresses per host name (happy eyeballs) Node reports an AggregateError.
function firstCoded(err: unknown): CodedError | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as CodedError;
  // a string: a DOMException's `code` is a legacy number (23 for the deadline's TimeoutError)
  if (typeof e.code === 'string' && e.code) return e;
  for (const inner of e.errors ?? []) {
    const found = firstCoded(inner);
    if (found) return found;
  }
  return undefined;
}
