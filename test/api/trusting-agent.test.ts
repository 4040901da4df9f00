// The node:https side of the production transport (src/api/trusting-agent.ts, https-fetch.ts)
// against real servers on 127.0.0.1: connections still being made end with the caller's abort or
// close(), no TLS session is resumed, an oversized or aborted answer ends its connection, and bytes
// that are not HTTP are a NetworkError.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { makeCertificates, type CertificateSet } from '../../sim/src/cert.js';
import { AnswerTooLargeError } from '../../src/api/answer-size.js';
import { toNetworkError } from '../../src/api/network-error.js';
import type { Transport } from '../../src/api/transport.js';
import { NetworkError, UsageError } from '../../src/errors.js';
import { pinnedTransport, startTestServer, type TestServer } from '../helpers/tls-server.js';

let certs: CertificateSet;
const transports: Transport[] = [];
const servers: { close(): unknown }[] = [];

beforeAll(() => {
  certs = makeCertificates();
});
afterEach(async () => {
  await Promise.all(transports.splice(0).map((t) => t.close()));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

function transportTo(url: string, opts: { maxAnswerBytes?: number; connectTimeoutMs?: number } = {}): Transport {
  const t = pinnedTransport(url, certs.fingerprint, opts);
  transports.push(t);
  return t;
}

const get = (t: Transport, url: string, signal?: AbortSignal) =>
  t.fetch(`${url}/api2/json/version`, { method: 'GET', headers: {}, signal });

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => expect.fail('the request should have failed'),
    (err: unknown) => err,
  );
}

/** Accepts TCP and never answers the TLS handshake; counts the connections that ended. */
async function silentServer(): Promise<{ url: string; open: Set<Socket>; closed: () => number }> {
  const open = new Set<Socket>();
  let closed = 0;
  const server: TcpServer = createTcpServer((socket) => {
    open.add(socket);
    socket.resume(); // read (the ClientHello), or the peer's end is never seen
    socket.on('error', () => {});
    socket.on('close', () => {
      open.delete(socket);
      closed++;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({ close: () => (open.forEach((s) => s.destroy()), server.close()) });
  return { url: `https://127.0.0.1:${(server.address() as { port: number }).port}`, open, closed: () => closed };
}

async function serve(handler: Parameters<typeof startTestServer>[0]['handler']): Promise<TestServer> {
  const s = await startTestServer({ cert: certs.certPem, key: certs.keyPem, handler });
  servers.push(s);
  return s;
}

describe('a connection still being made', () => {
  it("ends with the caller's abort (Node hands our option to createConnection)", async () => {
    const silent = await silentServer();
    // a connect timeout far beyond the test's: only the abort can end this connection
    const t = transportTo(silent.url, { connectTimeoutMs: 600_000 });
    const ac = new AbortController();
    const pending = get(t, silent.url, ac.signal);
    await vi.waitFor(() => expect(silent.open.size).toBe(1));
    ac.abort();
    expect(((await rejection(pending)) as Error).name).toBe('AbortError');
    await vi.waitFor(() => expect(silent.closed()).toBe(1), { timeout: 5000 });
  });

  it('ends with close(), and its request fails as a NetworkError instead of waiting', async () => {
    const silent = await silentServer();
    const t = transportTo(silent.url, { connectTimeoutMs: 600_000 });
    const pending = rejection(get(t, silent.url));
    await vi.waitFor(() => expect(silent.open.size).toBe(1));
    await t.close();
    const err = await pending;
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).message).toBe(`connection to ${silent.url} failed: connection aborted`);
    await vi.waitFor(() => expect(silent.closed()).toBe(1), { timeout: 5000 });
  });
});

describe('TLS sessions', () => {
  it('resumes none: every connection shows the certificate again', async () => {
    const s = await serve((_req, res) => res.end('{"data":"ok"}'));
    const t = transportTo(s.url);
    // a first connection, then parallel requests that open more (sent in one tick, only one of them
    // can take the free socket): they could resume its session
    await get(t, s.url);
    await Promise.all([1, 2, 3].map(() => get(t, s.url)));
    expect(s.seen.connections).toBeGreaterThanOrEqual(2);
    expect(s.seen.resumedSessions).toBe(0);
  });
});

describe('answers that end their connection', () => {
  it('stops reading at the limit, mid-stream, and closes the connection', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      // 1 MiB, then the answer stays open: only the client can end it
      for (let i = 0; i < 16; i++) res.write(Buffer.alloc(64 * 1024, 0x20));
    });
    const err = await rejection(get(transportTo(s.url, { maxAnswerBytes: 256 * 1024 }), s.url));
    expect(err).toBeInstanceOf(AnswerTooLargeError);
    expect((err as Error).message).toContain('is larger than 0.3 MiB (decompressed)');
    await vi.waitFor(() => expect(s.seen.closedConnections).toBe(1), { timeout: 5000 });
  });

  it('an answer aborted mid-body is not read on: the next request has a fresh connection', async () => {
    let n = 0;
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      if (n++ === 0)
        res.write('{"data":['); // and never the rest
      else res.end('{"data":"ok"}');
    });
    const t = transportTo(s.url);
    const ac = new AbortController();
    const pending = get(t, s.url, ac.signal);
    await vi.waitFor(() => expect(s.seen.requests).toHaveLength(1));
    ac.abort();
    expect(((await rejection(pending)) as Error).name).toBe('AbortError');
    const res = await get(t, s.url);
    expect(await res.text()).toBe('{"data":"ok"}');
    expect(s.seen.connections).toBe(2);
  });

  it('a connection the server closes, before or during its answer, is "closed by the server"', async () => {
    let n = 0;
    const s = await serve((_req, res) => {
      if (n++ === 0) return res.socket?.destroy(); // before the answer
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"data":');
      setImmediate(() => res.socket?.destroy()); // during it
    });
    const t = transportTo(s.url);
    for (let i = 0; i < 2; i++) {
      const err = await rejection(get(t, s.url));
      expect(err).toBeInstanceOf(NetworkError);
      expect((err as NetworkError).message).toBe(`connection to ${s.url} failed: connection closed by the server`);
    }
  });

  it('bytes that are not HTTP are a NetworkError naming the server', async () => {
    const tls = createTlsServer({ cert: certs.certPem, key: certs.keyPem }, (socket) => {
      socket.on('data', () => socket.end('SSH-2.0-OpenSSH_9.6\r\n\r\n'));
    });
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    servers.push(tls);
    const url = `https://127.0.0.1:${(tls.address() as { port: number }).port}`;
    const err = await rejection(get(transportTo(url), url));
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).message).toMatch(
      new RegExp(`^connection to ${url} failed: the answer is not valid HTTP \\(`),
    );
  });
});

describe('plain HTTP', () => {
  it('a request to an http:// URL is refused before connecting (exit 2): nothing reaches the server', async () => {
    const s = await serve(undefined);
    const plain = s.url.replace(/^https:/, 'http:');
    const err = await rejection(
      transportTo(s.url).fetch(`${plain}/api2/json/nodes/pve1/qemu`, {
        method: 'POST',
        headers: { authorization: 'PVEAPIToken=t=s' },
        body: 'vmid=100',
      }),
    );
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).exitCode).toBe(2);
    expect((err as Error).message).toBe(`refusing to connect to ${plain}: pvectl only talks HTTPS`);
    expect(s.seen.tcpConnections).toBe(0);
    expect(s.seen.requests).toEqual([]);
  });
});

describe('the reason phrase', () => {
  it('is read as UTF-8, as pveproxy writes an error text with a path or a name in it', async () => {
    const reason = "can't lock file '/var/lock/qemu-server/lock-100.conf' - got timeout (für «web»)";
    const tls = createTlsServer({ cert: certs.certPem, key: certs.keyPem }, (socket) => {
      socket.once('data', () =>
        socket.end(Buffer.from(`HTTP/1.1 500 ${reason}\r\nContent-Length: 13\r\n\r\n{"data":null}`, 'utf8')),
      );
    });
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    servers.push(tls);
    const url = `https://127.0.0.1:${(tls.address() as { port: number }).port}`;
    const res = await get(transportTo(url), url);
    expect(res.status).toBe(500);
    expect(res.statusText).toBe(reason);
    expect(await res.text()).toBe('{"data":null}');
  });
});

describe('toNetworkError', () => {
  it("names our Agent's connect timeout with its length, and an HTTP parser error in words", () => {
    const timeout = Object.assign(new Error('slow'), { code: 'PVECTL_CONNECT_TIMEOUT' });
    expect(toNetworkError('https://pve:8006', timeout, 2500)?.message).toBe(
      'cannot connect to https://pve:8006: connection timed out after 2.5 s',
    );
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', syscall: 'read' });
    expect(toNetworkError('https://pve:8006', reset)?.message).toBe(
      'connection to https://pve:8006 failed: connection reset by the server',
    );
    const parse = Object.assign(new Error('Parse Error: Expected HTTP/'), { code: 'HPE_INVALID_CONSTANT' });
    expect(toNetworkError('https://pve:8006', parse)?.message).toBe(
      'connection to https://pve:8006 failed: the answer is not valid HTTP (Parse Error: Expected HTTP/)',
    );
  });
});
