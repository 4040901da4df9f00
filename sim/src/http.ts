// Proxmox-style answers: `{data}` on success; status + reason phrase + `{data:null,message}` on errors.
import { HttpResponse } from 'msw';
import { boundaryOf, parseUpload } from './multipart.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: Record<string, string>,
    readonly bare = false, // answered by pve-http-server itself: reason phrase only, empty body
  ) {
    super(message);
  }
}

export const fail = (message: string, status = 500): never => {
  throw new ApiError(status, message);
};

export const paramError = (errors: Record<string, string>): never => {
  throw new ApiError(400, 'Parameter verification failed.', errors);
};

const JSON_TYPE = { 'content-type': 'application/json;charset=UTF-8' };

export function okResponse(data: unknown, extra?: Record<string, unknown>): Response {
  return new HttpResponse(JSON.stringify({ data: data ?? null, ...extra }), { status: 200, headers: JSON_TYPE });
}

// An answer serialised beforehand in parts, `{"data":…}` as okResponse makes it. A stream, so
// that its bytes are copied only when read: the HTTPS transport sends the cached parts instead.
// High-water mark 0: a stream pulls as soon as it is made otherwise, copying 32 MB for nobody.
export function jsonBytesResponse(parts: readonly Uint8Array[]): Response {
  let next = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(ctrl) {
        // a copy: the cache's buffers are never handed out
        if (next < parts.length) ctrl.enqueue(new Uint8Array(parts[next++]!));
        if (next >= parts.length) ctrl.close();
      },
    },
    { highWaterMark: 0 },
  );
  return new HttpResponse(stream, { status: 200, headers: JSON_TYPE });
}

export function errorResponse(status: number, message: string, errors?: Record<string, string>): Response {
  // the reason phrase is the first line of the error; it must stay a valid HTTP token
  const reason = (message.split('\n')[0] ?? '').replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');
  const body: Record<string, unknown> = { data: null, message: message.endsWith('\n') ? message : `${message}\n` };
  if (errors) body.errors = errors;
  return new HttpResponse(JSON.stringify(body), { status, statusText: reason, headers: JSON_TYPE });
}

// What pve-http-server sends when the answer does not come from an API method: the 401s of
// auth_handler and the 595 of proxy_request (AnyEvent.pm) carry a reason phrase, no body and no
// content type.
export function bareResponse(status: number, reason: string): Response {
  return new HttpResponse(null, { status, statusText: reason.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?') });
}

export function apiErrorResponse(err: unknown): Response {
  if (err instanceof ApiError && err.bare) return bareResponse(err.status, err.message);
  if (err instanceof ApiError) return errorResponse(err.status, err.message, err.errors);
  const msg = err instanceof Error ? err.message : String(err);
  return errorResponse(500, `internal simulator error: ${msg}`);
}

// The file of a multipart upload, apart from its parameters (the schema sees those only).
const uploads = new WeakMap<Request, Buffer>();

export function uploadedFile(request: Request): Buffer | undefined {
  return uploads.get(request);
}

// Query string merged over the body (form-urlencoded or JSON), read once per Request.
const paramCache = new WeakMap<Request, Promise<Record<string, unknown>>>();

export function readParams(request: Request): Promise<Record<string, unknown>> {
  let p = paramCache.get(request);
  if (!p) {
    p = parseParams(request);
    paramCache.set(request, p);
  }
  return p;
}

function addEntries(out: Record<string, unknown>, entries: Iterable<[string, string]>): void {
  const seen = new Set<string>();
  for (const [k, v] of entries) {
    if (seen.has(k)) {
      // repeated keys arrive as an array, which the schema refuses for plain strings (QUIRKS A6)
      const prev = out[k];
      out[k] = Array.isArray(prev) ? [...prev, v] : [prev, v];
    } else {
      out[k] = v;
      seen.add(k);
    }
  }
}

async function parseParams(request: Request): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const boundary = boundaryOf(request.headers.get('content-type') ?? '');
  if (request.method === 'POST' && boundary) {
    const upload = parseUpload(Buffer.from(await request.clone().arrayBuffer()), boundary);
    uploads.set(request, upload.data);
    Object.assign(out, upload.params);
  } else if (request.method !== 'GET' && request.method !== 'HEAD') {
    const text = await request.clone().text();
    if (text.length > 0) {
      const type = request.headers.get('content-type') ?? '';
      if (type.includes('application/json')) {
        try {
          const parsed: unknown = JSON.parse(text);
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) Object.assign(out, parsed);
        } catch {
          throw new ApiError(400, 'malformed JSON body');
        }
      } else {
        addEntries(out, new URLSearchParams(text));
      }
    }
  }
  const query: Record<string, unknown> = {};
  addEntries(query, new URL(request.url).searchParams);
  return Object.assign(out, query);
}

/** The API path as sent, still percent-encoded: a volume id's "/" (%2F) stays inside its segment. */
export function rawApiPath(request: Request): string {
  const p = new URL(request.url).pathname;
  const i = p.indexOf('/api2/json');
  return i >= 0 ? p.slice(i + '/api2/json'.length) : p;
}

export function apiPath(request: Request): string {
  const p = new URL(request.url).pathname;
  const i = p.indexOf('/api2/json');
  const rest = i >= 0 ? p.slice(i + '/api2/json'.length) : p;
  return rest
    .split('/')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    })
    .join('/');
}
