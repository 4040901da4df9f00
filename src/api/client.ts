// The typed Proxmox VE API client: URLs, the PVEAPIToken header, {data} unwrapping, Proxmox
// errors, retries of idempotent reads, verbose logging and dry runs are all handled here, once.
import type { Clock } from '../context.js';
import { NetworkError, PvectlError } from '../errors.js';
import { apiError } from './errors.js';
import { uploadBody, type MultipartBody } from './multipart.js';
import { encodeParams, type Params } from './path.js';
import type { FetchLike } from './transport.js';
import { deadline } from '../lib/deadline.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface ClientOptions {
  regionName: string;
  /** https://host:8006 */
  baseUrl: string;
  tokenId: string;
  tokenSecret: string;
  fetch: FetchLike;
  clock: Clock;
  signal?: AbortSignal;
  /** per-request timeout in ms (default 60 s) */
  requestTimeoutMs?: number;
  /** --verbose: one line per HTTP call; never given the secret */
  log?: (line: string) => void;
  /** --dry-run: writes are described here and not sent */
  dryRun?: (call: { method: Method; path: string; body: Record<string, string> }) => void;
  /** tries for idempotent reads (default 3) */
  readTries?: number;
  /** jitter of the retry backoff, in [0, 1) (default Math.random; tests fix it) */
  random?: () => number;
}

export interface ApiResponse<T> {
  data: T;
  total?: number;
}

const RETRYABLE_STATUS = new Set([502, 503, 504, 595]);

export class PveClient {
  readonly region: string;
  readonly dryRun: boolean;

  constructor(private readonly opts: ClientOptions) {
    this.region = opts.regionName;
    this.dryRun = opts.dryRun !== undefined;
  }

  get<T>(path: string, params?: Params): Promise<T> {
    return this.call<T>('GET', path, params).then((r) => r.data);
  }

  /** Writes return null under --dry-run (no UPID: nothing was started). */
  post<T>(path: string, params?: Params): Promise<T> {
    return this.call<T>('POST', path, params).then((r) => r.data);
  }

  put<T>(path: string, params?: Params): Promise<T> {
    return this.call<T>('PUT', path, params).then((r) => r.data);
  }

  delete<T>(path: string, params?: Params): Promise<T> {
    return this.call<T>('DELETE', path, params).then((r) => r.data);
  }

  /**
   * `POST …/storage/{storage}/upload`: the fields and the file as multipart/form-data (sent once,
   * like every write). Under --dry-run the file is described by its name and size.
   */
  async upload<T>(path: string, fields: Record<string, string>, file: { name: string; data: Buffer }): Promise<T> {
    if (this.opts.dryRun) {
      this.opts.dryRun({
        method: 'POST',
        path,
        body: { ...fields, filename: `${file.name} (${file.data.length} bytes)` },
      });
      return null as T;
    }
    const raw = uploadBody(fields, file);
    return (await this.once<T>('POST', path, new URLSearchParams(), raw)).data;
  }

  /** Full envelope, for calls whose `total` matters (task logs). */
  async call<T>(method: Method, path: string, params?: Params): Promise<ApiResponse<T>> {
    const encoded = encodeParams(params);
    if (method !== 'GET' && this.opts.dryRun) {
      this.opts.dryRun({ method, path, body: Object.fromEntries(encoded) });
      return { data: null as T };
    }
    // A write is sent once: after a lost answer it may have been applied, and a blind second
    // POST would start a second task (or create a second guest).
    const tries = method === 'GET' ? (this.opts.readTries ?? 3) : 1;
    const random = this.opts.random ?? Math.random;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once<T>(method, path, encoded);
      } catch (err) {
        if (!isRetryable(err) || this.opts.signal?.aborted) throw err;
        if (attempt >= tries) {
          if (attempt > 1 && err instanceof Error) err.message += ` (tried ${attempt} times)`;
          throw err;
        }
        // exponential backoff with jitter: 150-300 ms, then 300-600 ms … Each wait is longer than
        // the last, and clients that failed together (a proxy restart) do not retry in step.
        const delay = Math.floor(150 * 2 ** (attempt - 1) * (1 + random()));
        this.opts.log?.(`  retrying in ${delay} ms (${describe(err)})`);
        await this.opts.clock.sleep(delay, this.opts.signal);
      }
    }
  }

  private async once<T>(
    method: Method,
    path: string,
    params: URLSearchParams,
    raw?: MultipartBody,
  ): Promise<ApiResponse<T>> {
    const query = method === 'GET' || method === 'DELETE' ? params.toString() : '';
    const url = `${this.opts.baseUrl}/api2/json${path}${query ? `?${query}` : ''}`;
    const headers: Record<string, string> = {
      Authorization: `PVEAPIToken=${this.opts.tokenId}=${this.opts.tokenSecret}`,
      Accept: 'application/json',
    };
    let body: string | Uint8Array<ArrayBuffer> | undefined;
    if (raw) {
      headers['Content-Type'] = raw.contentType;
      body = new Uint8Array(raw.body);
    } else if (method === 'POST' || method === 'PUT') {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = params.toString();
    }
    const limit = deadline(this.opts.requestTimeoutMs ?? 60_000, this.opts.signal);
    const shown = `${method} ${path}${query ? `?${query}` : ''}`;
    const started = this.opts.clock.now();
    let res;
    let text: string;
    try {
      res = await this.opts.fetch(url, { method, headers, body, signal: limit.signal });
      text = await res.text();
    } catch (err) {
      if (this.opts.signal?.aborted) throw err;
      const failure = limit.expired
        ? new NetworkError(
            `${method} ${path}: no answer from ${this.opts.baseUrl} within ${seconds(this.opts.requestTimeoutMs ?? 60_000)}`,
            {
              hint: 'Each request waits 60 s by default; a region added with `--request-timeout 2m` waits longer.',
            },
          )
        : connectionFailure(err, this.opts.baseUrl);
      // logged like an answered call, so that a "retrying" line always follows the call it retries
      this.opts.log?.(`${shown} → connection error: ${describe(failure)} (${this.opts.clock.now() - started} ms)`);
      throw failure;
    } finally {
      limit.clear();
    }
    this.opts.log?.(`${shown} → ${res.status} ${res.statusText} (${this.opts.clock.now() - started} ms)`);
    const json = parseJson(text);
    if (res.status < 200 || res.status >= 300)
      throw apiError(method, path, res.status, res.statusText, json, this.region);
    const envelope = (json ?? {}) as { data?: T; total?: unknown };
    const out: ApiResponse<T> = { data: (envelope.data ?? null) as T };
    if (envelope.total !== undefined) out.total = Number(envelope.total);
    return out;
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * WHATWG fetch (an injected one, msw's) reports every network failure as a bare
 * TypeError("fetch failed" / "Failed to fetch"); that is a connection error like our transport's
 * NetworkError. Any other error (a TLS refusal, a bug) passes through as it is.
 */
function connectionFailure(err: unknown, baseUrl: string): unknown {
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

function isRetryable(err: unknown): boolean {
  if (err instanceof NetworkError) return true;
  const status = (err as { status?: unknown }).status;
  return typeof status === 'number' && RETRYABLE_STATUS.has(status);
}

/** 60000 → "60 s", 1500 → "1.5 s", 200 → "200 ms" */
function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
