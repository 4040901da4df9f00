// How a failed call is described and whether it is tried again: shared by the client's retry
// loop and its verbose log.
import { ApiError, NetworkError, PvectlError } from '../errors.js';

const RETRYABLE_STATUS = new Set([502, 503, 504, 595]);

/**
 * WHATWG fetch (an injected one, msw's) reports every network failure as a bare
 * TypeError("fetch failed" / "Failed to fetch"); that is a connection error like our transport's
 * NetworkError. Any other error (a TLS refusal, a bug) passes through as it is.
 */
export function connectionFailure(err: unknown, baseUrl: string): unknown {
  if (
    err instanceof PvectlError ||
    !(err instanceof TypeError) ||
    !/^(fetch failed|failed to fetch)$/i.test(err.message)
  )
    return err;
  const cause = (err as { cause?: unknown }).cause;
  const detail = cause instanceof Error && cause.message ? cause.message : 'no answer';
  return new NetworkError(`connection to ${baseUrl} failed: ${detail}`, { cause: err });
}

export function isRetryable(err: unknown): boolean {
  if (err instanceof NetworkError) return true;
  const status = (err as { status?: unknown }).status;
  return typeof status === 'number' && RETRYABLE_STATUS.has(status);
}

/** 60000 → "60 s", 1500 → "1.5 s", 200 → "200 ms" */
export function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

export function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The last failure of a retried read, saying how often it was tried (a new error: the cause is kept as it was). */
export function afterTries(err: unknown, tries: number): unknown {
  const note = ` (tried ${tries} times)`;
  const options = (e: PvectlError) => ({ hint: e.hint, cause: e });
  if (err instanceof ApiError) {
    return new ApiError(err.message + note, err.status, err.method, err.path, err.errors, options(err));
  }
  if (err instanceof NetworkError) return new NetworkError(err.message + note, options(err));
  return err;
}
