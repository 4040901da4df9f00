// The typed Proxmox VE API client: URLs, the PVEAPIToken header, {data} unwrapping, Proxmox
// errors, retries of idempotent reads, verbose logging and dry runs are all handled here, once.
import type { Clock } from '../context.js';
import { NetworkError } from '../errors.js';
import { afterTries, connectionFailure, describe, isRetryable, seconds } from './call-failures.js';
import { apiError } from './errors.js';
import { lostAnswer } from './lost-answer.js';
import { uploadBody, type MultipartBody } from './multipart.js';
import { checkApiPath, encodeParams, type Params } from './path.js';
import { describeValue, isObject, unexpected } from './shape.js';
import type { FetchLike } from './transport.js';
import { deadline, type Deadline } from '../lib/deadline.js';
import { rememberSecret } from '../output/redact.js';

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
  /** how long one call may take in ms, every try and backoff wait included (default 60 s) */
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

const DEFAULT_TIMEOUT_MS = 60_000;

export class PveClient {
  readonly region: string;
  readonly dryRun: boolean;

  constructor(private readonly opts: ClientOptions) {
    this.region = opts.regionName;
    this.dryRun = opts.dryRun !== undefined;
    // whatever the server echoes back (an Authorization header in an error text) is printed masked
    rememberSecret(opts.tokenSecret);
  }

  /** https://host:8006, which with the region's name keys what is cached per cluster */
  get baseUrl(): string {
    return this.opts.baseUrl;
  }

  /** `tries`: 1 for a read whose failure has a cheaper answer than waiting (a guest hint's check) */
  get<T>(path: string, params?: Params, opts?: { tries?: number }): Promise<T> {
    return this.call<T>('GET', path, params, opts).then((r) => r.data);
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
    checkApiPath(path);
    if (this.opts.dryRun) {
      const described = { ...fields, filename: `${file.name} (${file.data.length} bytes)` };
      this.opts.dryRun({ method: 'POST', path, body: described });
      return null as T;
    }
    const limit = deadline(this.opts.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS, this.opts.signal, this.opts.clock);
    try {
      return (await this.once<T>('POST', path, new URLSearchParams(), limit, uploadBody(fields, file))).data;
    } finally {
      limit.clear();
    }
  }

  /** Full envelope, for calls whose `total` matters (task logs). */
  async call<T>(method: Method, path: string, params?: Params, opts?: { tries?: number }): Promise<ApiResponse<T>> {
    checkApiPath(path);
    const encoded = encodeParams(params);
    if (method !== 'GET' && this.opts.dryRun) {
      this.opts.dryRun({ method, path, body: Object.fromEntries(encoded) });
      return { data: null as T };
    }
    // A write is sent once: after a lost answer it may have been applied, and a blind second
    // POST would start a second task (or create a second guest).
    const tries = method === 'GET' ? (opts?.tries ?? this.opts.readTries ?? 3) : 1;
    const random = this.opts.random ?? Math.random;
    // One budget for the whole call (connect, headers, body, every retry and backoff wait): a read
    // that never finishes ends when the README says, not after tries × timeout.
    const budget = this.opts.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    const limit = deadline(budget, this.opts.signal, this.opts.clock);
    const started = this.opts.clock.now();
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.once<T>(method, path, encoded, limit);
        } catch (err) {
          if (!isRetryable(err) || this.opts.signal?.aborted) throw err;
          // exponential backoff with jitter: 150-300 ms, then 300-600 ms … Each wait is longer than
          // the last, and clients that failed together (a proxy restart) do not retry in step.
          const delay = Math.floor(150 * 2 ** (attempt - 1) * (1 + random()));
          // no retry that the budget would cut short: the last answer says more than a timeout
          const outOfTime = limit.expired || this.opts.clock.now() - started + delay >= budget;
          if (outOfTime || attempt >= tries) throw attempt > 1 ? afterTries(err, attempt) : err;
          this.opts.log?.(`  retrying in ${delay} ms (${describe(err)})`);
          await this.opts.clock.sleep(delay, limit.signal).catch((e: unknown) => {
            if (!limit.expired || this.opts.signal?.aborted) throw e;
            throw this.timedOut(method, path);
          });
        }
      }
    } finally {
      limit.clear();
    }
  }

  /** `cause`: what the request failed with, which says whether it was sent (lost-answer.ts) */
  private timedOut(method: Method, path: string, cause?: unknown): NetworkError {
    const ms = this.opts.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    return new NetworkError(`${method} ${path}: no answer from ${this.opts.baseUrl} within ${seconds(ms)}`, {
      hint:
        'Each API call, retries included, ends after 60 s by default; ' +
        'a region added with `--request-timeout 2m` waits longer.',
      cause,
    });
  }

  private async once<T>(
    method: Method,
    path: string,
    params: URLSearchParams,
    limit: Deadline,
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
    const shown = `${method} ${path}${query ? `?${query}` : ''}`;
    const started = this.opts.clock.now();
    let res;
    let text: string;
    try {
      res = await this.opts.fetch(url, { method, headers, body, signal: limit.signal });
      text = await res.text();
    } catch (err) {
      if (this.opts.signal?.aborted) throw err;
      const failure = limit.expired ? this.timedOut(method, path, err) : connectionFailure(err, this.opts.baseUrl);
      // logged like an answered call, so that a "retrying" line always follows the call it retries
      this.opts.log?.(`${shown} → connection error: ${describe(failure)} (${this.opts.clock.now() - started} ms)`);
      throw lostAnswer(method, path, params, failure);
    }
    this.opts.log?.(`${shown} → ${res.status} ${res.statusText} (${this.opts.clock.now() - started} ms)`);
    const json = parseJson(text);
    if (res.status < 200 || res.status >= 300)
      throw apiError(method, path, res.status, res.statusText, json, this.region);
    // error answers may be plain text (QUIRKS A), a success answer is always a JSON {data} object
    if (!isObject(json)) throw unexpected(`${method} ${path}`, notEnvelope(text, json));
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

/** Why a 2xx body is not an envelope: truncated JSON, an HTML page, or JSON of another shape. */
function notEnvelope(text: string, json: unknown): string {
  if (json !== undefined) return `the body is ${describeValue(json)}, expected {"data": …}`;
  if (!text) return 'the body is empty, expected {"data": …}';
  const start = text.trimStart().slice(0, 40).replace(/\s+/g, ' ');
  return `the body is not JSON (${text.length} bytes starting ${JSON.stringify(start)})`;
}
