// Typed errors carry their exit code; only main.ts turns them into a process exit status.

export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  notFound: 3,
  auth: 4,
  tls: 5,
  timeout: 6,
  partial: 7,
  interrupted: 130,
} as const;

export class PvectlError extends Error {
  readonly exitCode: number = ExitCode.failure;
  /** The next step for the user, printed under the message. */
  hint?: string;

  constructor(message: string, options?: { hint?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    if (options?.hint) this.hint = options.hint;
  }
}

/** Bad flag, bad value, missing argument, unknown region: nothing was sent. */
export class UsageError extends PvectlError {
  override readonly exitCode = ExitCode.usage;
}

export class NotFoundError extends PvectlError {
  override readonly exitCode = ExitCode.notFound;
}

export class AuthError extends PvectlError {
  override readonly exitCode = ExitCode.auth;
}

export class TlsError extends PvectlError {
  override readonly exitCode = ExitCode.tls;
  constructor(
    message: string,
    readonly fingerprint?: string,
    options?: { hint?: string; cause?: unknown },
  ) {
    super(message, options);
  }
}

export class TimeoutError extends PvectlError {
  override readonly exitCode = ExitCode.timeout;
}

/** A bulk action where some guests failed; each failure was already reported. */
export class PartialFailureError extends PvectlError {
  override readonly exitCode = ExitCode.partial;
}

/** Ctrl-C. A running Proxmox task keeps running; the message names it. */
export class InterruptedError extends PvectlError {
  override readonly exitCode = ExitCode.interrupted;
}

/** Network failure talking to the cluster (connection refused, reset, timeout). */
export class NetworkError extends PvectlError {}

/** A write was sent and the connection dropped before its answer: it may well have been applied. */
export class LostAnswerError extends NetworkError {
  constructor(
    message: string,
    readonly method: string,
    readonly path: string,
    options?: { hint?: string; cause?: unknown },
  ) {
    super(message, options);
  }
}

/** An error answer from the Proxmox API. */
export class ApiError extends PvectlError {
  constructor(
    message: string,
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly errors?: Record<string, string>,
    options?: { hint?: string; cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * A 2xx answer without the shape pvectl relies on (not JSON, an HTML page, `data` null or of the
 * wrong type): saying so beats reading it as "no guests" or "not found".
 */
export class UnexpectedAnswerError extends PvectlError {}

/** A Proxmox task that ended with an error exit status. */
export class TaskError extends PvectlError {
  constructor(
    message: string,
    readonly upid: string,
    readonly exitstatus: string,
    readonly logTail: string[] = [],
    options?: { hint?: string },
  ) {
    super(message, options);
  }
}

export function exitCodeOf(err: unknown): number {
  return err instanceof PvectlError ? err.exitCode : ExitCode.failure;
}
