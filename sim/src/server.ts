// pvesim over real HTTPS. Each request becomes a WHATWG Request for msw's getResponse, so the
// handlers that serve in-process tests also serve the built CLI, curl and other clients.
// The simulator's own handlers apply its faults (so they work in-process too); the transport's
// part is to turn their "no answer" into a dropped connection. /_sim/ holds control endpoints.
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import { hostname } from 'node:os';
import type { AddressInfo } from 'node:net';
import { gzipSync, deflateSync } from 'node:zlib';
import { getResponse } from 'msw';
import { makeCertificates, makeCertificatesAsync, type CertificateSet } from './cert.js';
import { handleControl } from './control.js';
import { consoleUpgrader, type ConsoleHost } from './console/upgrade.js';
import { errorResponse } from './http.js';
import { prebuiltBody } from './model/answer-cache.js';
import type { SimOptions, Simulator } from './index.js';

// What the transport needs of a simulator; tests may serve a fake with this shape.
export type ServedSimulator = Pick<
  Simulator,
  'handlers' | 'faults' | 'setNodeOnline' | 'requestLog' | 'token' | 'close'
> &
  Partial<Pick<Simulator, 'setCertificateFingerprint' | 'volumeData'>> &
  Pick<ConsoleHost, 'openConsole'>;

export interface ServeOptions {
  host?: string; // default 127.0.0.1
  port?: number; // default 0: a free port
  certificates?: CertificateSet; // default: a fresh CA + leaf for host
}

export interface SimServer<S extends ServedSimulator = Simulator> {
  url: string; // https://127.0.0.1:PORT
  fingerprint: string; // SHA-256 of the served leaf certificate, AA:BB:…
  caPem: string; // the CA that signed it
  certPem: string; // the served leaf
  token: string; // user@realm!name=secret
  sim: S;
  close(): Promise<void>;
}

export async function startSimServer(opts: SimOptions & ServeOptions = {}): Promise<SimServer> {
  const { host, port, certificates, ...simOptions } = opts;
  // The keys are generated off the main thread while the cluster is built on it.
  const certs = certificates ? Promise.resolve(certificates) : makeCertificatesAsync({ hosts: certHosts(host) });
  certs.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
  const { createSimulator } = await import('./index.js');
  const sim = createSimulator(simOptions);
  try {
    return await serveSimulator(sim, { host, port, certificates: await certs });
  } catch (err) {
    sim.close();
    throw err;
  }
}

export async function serveSimulator<S extends ServedSimulator>(
  sim: S,
  opts: ServeOptions = {},
): Promise<SimServer<S>> {
  const host = opts.host ?? '127.0.0.1';
  const wildcard = isWildcard(host);
  const certs = opts.certificates ?? makeCertificates({ hosts: certHosts(host) });
  sim.setCertificateFingerprint?.(certs.fingerprint); // /nodes ssl_fingerprint = what is served
  const server = createServer(
    { cert: `${certs.certPem}${certs.caPem}`, key: certs.keyPem, keepAlive: true },
    (req, res) => void respond(sim, req, res, base),
  );
  server.on('clientError', (_err, socket) => socket.destroy());
  const upgrade = consoleUpgrader(sim, () => base);
  server.on('upgrade', (req, socket, head) => void upgrade.handle(req, socket, head).catch(() => socket.destroy()));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = wildcard ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const base = `https://${urlHost}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url: base,
    fingerprint: certs.fingerprint,
    caPem: certs.caPem,
    certPem: certs.certPem,
    token: sim.token,
    sim,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        upgrade.closeAll();
        server.closeAllConnections(); // a busy connection (slow request, fault delay) would hold close() open
      }).finally(() => sim.close())),
  };
}

async function respond(sim: ServedSimulator, req: IncomingMessage, res: ServerResponse, base: string) {
  try {
    const method = req.method ?? 'GET';
    const url = new URL(`${base}${req.url ?? '/'}`);
    const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req);
    if (url.pathname.startsWith('/_sim/')) {
      return await send(res, await handleControl(sim, method, url.pathname, body, req.headers['content-type']));
    }
    const request = new Request(url, { method, headers: requestHeaders(req), body: body as BodyInit | undefined });
    const response = (await getResponse(sim.handlers, request)) ?? notImplemented(method, url.pathname);
    // HttpResponse.error() is how the handlers say "no answer": a dropped connection, or a
    // write that was applied and whose answer is lost (Faults.dropRate, loseResponseAfterWrite).
    if (response.type === 'error') return void res.destroy();
    await send(res, response, method === 'HEAD', req.headers['accept-encoding']);
  } catch (err) {
    if (!res.headersSent) await send(res, errorResponse(500, (err as Error).message ?? String(err)));
    else res.destroy();
  }
}

const isWildcard = (host: string) => host === '0.0.0.0' || host === '::';

// Names for the certificate besides 127.0.0.1, ::1 and localhost.
function certHosts(host = '127.0.0.1'): string[] {
  return isWildcard(host) ? [hostname()] : [host];
}

export function notImplemented(method: string, pathname: string): Response {
  return errorResponse(501, `Method '${method} ${pathname.replace(/^\/api2\/json(?=\/)/, '')}' not implemented`);
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'content-length']);

function requestHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    if (!HOP_BY_HOP.has(name.toLowerCase())) headers.append(name, req.rawHeaders[i + 1]!);
  }
  return headers;
}

// pve-http-server AnyEvent.pm `response`: a body over 1024 bytes goes out gzip-compressed when the
// request's Accept-Encoding mentions gzip, else deflate-compressed (zlib) when it mentions deflate.
export function compress(body: Buffer, acceptEncoding = ''): { body: Buffer; encoding?: string } {
  if (body.length <= 1024) return { body };
  if (/gzip/.test(acceptEncoding)) return { body: gzipSync(body), encoding: 'gzip' };
  if (/deflate/.test(acceptEncoding)) return { body: deflateSync(body), encoding: 'deflate' };
  return { body };
}

async function send(res: ServerResponse, response: Response, headOnly = false, accept?: string): Promise<void> {
  // a cached answer's bytes and gzip form are at hand (answer-cache.ts): no copy, no new gzip
  const ready = await prebuiltBody(response, accept);
  const raw = ready ? Buffer.alloc(0) : Buffer.from(await response.arrayBuffer());
  const { body, encoding } =
    ready ?? (response.headers.has('content-encoding') ? { body: raw } : compress(raw, accept));
  const headers: Record<string, string | string[]> = {
    server: 'pve-api-daemon/3.0',
    'cache-control': 'max-age=0',
    pragma: 'no-cache',
  };
  response.headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name) && name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  if (encoding) headers['content-encoding'] = encoding;
  const parts = Array.isArray(body) ? body : [body]; // a cached answer comes in parts
  headers['content-length'] = String(parts.reduce((n, p) => n + p.length, 0));
  res.writeHead(response.status, reasonPhrase(response.statusText, response.status), headers);
  if (headOnly) res.end();
  else await writeParts(res, parts);
}

// Parts go out as the socket takes them: all queued at once, a 32 MB answer would also sit
// there encrypted until the client has read it.
async function writeParts(res: ServerResponse, parts: Buffer[]): Promise<void> {
  for (const p of parts.slice(0, -1)) {
    if (res.destroyed) return;
    if (res.write(p)) continue;
    await new Promise<void>((done) => {
      const go = () => {
        res.off('drain', go);
        res.off('close', go);
        done();
      };
      res.on('drain', go);
      res.on('close', go);
    });
  }
  if (!res.destroyed) res.end(parts.at(-1));
}

// Proxmox puts the first line of its error text in the status line; Node refuses control
// characters there, and bytes above ASCII would be read as Latin-1, so keep printable ASCII.
export function reasonPhrase(text: string, status: number): string {
  const line = (text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '')
    .replace(/\t/g, ' ')
    .replace(/[^\x20-\x7e]/g, '?')
    .trim()
    .slice(0, 512);
  return line || STATUS_CODES[status] || 'Unknown';
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
