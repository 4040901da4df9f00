// Turns the errors of a failed connection (as Node, our Agent and the console's undici report them)
// into one NetworkError whose message names the server and says what happened in words.
import { NetworkError } from '../errors.js';

/** The code of the error the API calls' Agent raises when the connect timeout ends a connection. */
export const CONNECT_TIMEOUT_CODE = 'PVECTL_CONNECT_TIMEOUT';
const TIMEOUT_CODES = [CONNECT_TIMEOUT_CODE, 'UND_ERR_CONNECT_TIMEOUT'];

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
  // Node's "socket hang up" and "aborted" (ECONNRESET with no system call): the server closed the
  // connection before or during its answer, as undici's UND_ERR_SOCKET said; a real reset has one
  if (code === 'ECONNRESET' && e.syscall === undefined) {
    return new NetworkError(`connection to ${origin} failed: connection closed by the server`, { cause: err });
  }
  if (code in CONNECTION_LOST) {
    return new NetworkError(`connection to ${origin} failed: ${CONNECTION_LOST[code]}`, { cause: err });
  }
  if (code === 'EPROTO' || code.startsWith('ERR_SSL_')) {
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
  if (code.startsWith('E') || code.startsWith('UND_ERR')) {
    return new NetworkError(`connection to ${origin} failed: ${e.message ?? code}`, { cause: err });
  }
  return null;
}

/** Whether a failed request never reached the server (no connection, no TLS session): nothing was sent. */
export function neverSent(err: unknown): boolean {
  const code = firstCoded(err)?.code ?? firstCoded((err as { cause?: unknown } | null)?.cause)?.code;
  return code !== undefined && (code in CONNECT_FAILURES || code === 'EPROTO' || code.startsWith('ERR_SSL_'));
}

// With several addresses per host name (happy eyeballs) Node reports an AggregateError.
function firstCoded(err: unknown): CodedError | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as CodedError;
  if (e.code) return e;
  for (const inner of e.errors ?? []) {
    const found = firstCoded(inner);
    if (found) return found;
  }
  return undefined;
}
