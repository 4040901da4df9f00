// The HTTP side of the production transport (undici's dispatcher, not its fetch) against a real
// HTTPS server: what is sent, how answers are read, and aborts at every stage.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { makeCertificates, type CertificateSet } from '../../sim/src/cert.js';
import type { Transport } from '../../src/api/transport.js';
import { NetworkError } from '../../src/errors.js';
import { pinnedTransport, startTestServer, type TestServer } from '../helpers/tls-server.js';

let certs: CertificateSet;
const transports: Transport[] = [];
const servers: TestServer[] = [];
const received: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[] = [];

beforeAll(() => {
  certs = makeCertificates();
});

afterEach(async () => {
  await Promise.all(transports.splice(0).map((t) => t.close()));
  received.length = 0;
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<TestServer> {
  const s = await startTestServer({
    cert: certs.certPem,
    key: certs.keyPem,
    handler: (req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c));
      req.on('end', () => {
        received.push({ method: req.method, url: req.url, headers: req.headers, body });
        handler(req, res);
      });
    },
  });
  servers.push(s);
  return s;
}

function transportTo(url: string): Transport {
  const t = pinnedTransport(url, certs.fingerprint);
  transports.push(t);
  return t;
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => expect.fail('the request should have failed'),
    (err: unknown) => err,
  );
}

describe('requests', () => {
  it('sends method, path with query, headers and a form body', async () => {
    const s = await serve((_req, res) => res.end('{"data":"UPID:pve1:…"}'));
    const res = await transportTo(s.url).fetch(`${s.url}/api2/json/nodes/pve1/qemu?full=1`, {
      method: 'POST',
      headers: { Authorization: 'PVEAPIToken=t=s', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'vmid=100&name=web%201',
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('{"data":"UPID:pve1:…"}');
    const [req] = received;
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe('/api2/json/nodes/pve1/qemu?full=1');
    expect(req?.headers.authorization).toBe('PVEAPIToken=t=s');
    expect(req?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(req?.headers['content-length']).toBe('21');
    expect(req?.body).toBe('vmid=100&name=web%201');
  });

  it('asks for gzip and inflates a gzipped answer', async () => {
    const json = JSON.stringify({ data: Array.from({ length: 500 }, (_, i) => ({ vmid: 100 + i, name: `vm-${i}` })) });
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipSync(json));
    });
    const res = await transportTo(s.url).fetch(`${s.url}/api2/json/cluster/resources`, { method: 'GET', headers: {} });
    expect(received[0]?.headers['accept-encoding']).toBe('gzip');
    expect(res.headers.get('Content-Encoding')).toBe('gzip');
    expect(await res.text()).toBe(json);
  });

  it('gives a redirect back as it is, without following it', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(302, 'Found', { location: 'https://elsewhere.example/steal' });
      res.end();
    });
    const res = await transportTo(s.url).fetch(`${s.url}/api2/json/version`, {
      method: 'GET',
      headers: { Authorization: 'PVEAPIToken=t=s' },
    });
    expect(res.status).toBe(302);
    expect(res.statusText).toBe('Found');
    expect(res.headers.get('location')).toBe('https://elsewhere.example/steal');
    expect(res.headers.get('x-missing')).toBeNull();
    expect(received).toHaveLength(1);
  });

  it('reuses the connection after an error answer, and runs parallel requests side by side', async () => {
    const s = await serve((req, res) => {
      res.writeHead(req.url?.includes('missing') ? 404 : 200, { 'content-type': 'application/json' });
      res.end('{"data":null}');
    });
    const t = transportTo(s.url);
    expect((await t.fetch(`${s.url}/api2/json/missing`, { method: 'GET', headers: {} })).status).toBe(404);
    expect((await t.fetch(`${s.url}/api2/json/version`, { method: 'GET', headers: {} })).status).toBe(200);
    expect(s.seen.connections).toBe(1);
    const parallel = await Promise.all(
      [1, 2, 3].map(() => t.fetch(`${s.url}/api2/json/version`, { method: 'GET', headers: {} })),
    );
    expect(parallel.map((r) => r.status)).toEqual([200, 200, 200]);
  });
});

describe('aborts and failures', () => {
  it('rejects at once with an already aborted signal, sending nothing', async () => {
    const s = await serve((_req, res) => res.end('{}'));
    const ac = new AbortController();
    ac.abort();
    const err = await rejection(
      transportTo(s.url).fetch(`${s.url}/api2/json/version`, { method: 'GET', headers: {}, signal: ac.signal }),
    );
    expect((err as Error).name).toBe('AbortError');
    expect(s.seen.tcpConnections).toBe(0);
  });

  it('aborts while the connection is still being made, without waiting for the connect timeout', async () => {
    const silent = createServer(); // accepts TCP, never answers the TLS handshake
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `https://127.0.0.1:${(silent.address() as { port: number }).port}`;
    try {
      const started = Date.now();
      const err = await rejection(
        transportTo(url).fetch(`${url}/api2/json/version`, {
          method: 'GET',
          headers: {},
          signal: AbortSignal.timeout(100),
        }),
      );
      expect((err as Error).name).toBe('TimeoutError');
      expect(Date.now() - started).toBeLessThan(5000); // the connect timeout is 10 s
    } finally {
      silent.close();
    }
  });

  it('aborts while the body is arriving', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":['); // and never the rest
    });
    const ac = new AbortController();
    const pending = transportTo(s.url).fetch(`${s.url}/api2/json/cluster/resources`, {
      method: 'GET',
      headers: {},
      signal: ac.signal,
    });
    setTimeout(() => ac.abort(), 100);
    expect(((await rejection(pending)) as Error).name).toBe('AbortError');
  });

  it('turns a connection the server drops mid-answer into a NetworkError', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"data":');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const err = await rejection(transportTo(s.url).fetch(`${s.url}/api2/json/version`, { method: 'GET', headers: {} }));
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).message).toMatch(new RegExp(`^connection to ${s.url} failed: `));
  });
});
