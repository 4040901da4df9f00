// Failures where nothing was sent are never "lost answers": a server that resets or closes the
// connection before the TLS handshake ends (trusting-agent.ts marks it, network-error.ts neverSent
// honours the mark), and a header Node refuses to build (https-fetch.ts: a UsageError, not a network
// failure). Real servers on 127.0.0.1 and the production transport; a fake clock, so no real waits.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server, type Socket } from 'node:net';
import { vi } from 'vitest';
import { makeCertificates } from '../../sim/src/cert.js';
import { PveClient } from '../../src/api/client.js';
import { neverSent, toNetworkError } from '../../src/api/network-error.js';
import { createTransport, type Transport } from '../../src/api/transport.js';
import type { Clock } from '../../src/context.js';
import { LostAnswerError, NetworkError, UsageError } from '../../src/errors.js';
import { startTestServer } from '../helpers/tls-server.js';

const transports: Transport[] = [];
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(transports.splice(0).map((t) => t.close()));
});
const others: { close(): unknown }[] = [];
afterAll(async () => {
  servers.forEach((s) => s.close());
  await Promise.all(others.map((s) => s.close()));
});

/** A TCP server that ends each connection its own way before any TLS; counts the connections. */
async function server(end: (socket: Socket) => void): Promise<{ url: string; connections: () => number }> {
  let connections = 0;
  const s = createServer((socket) => {
    connections++;
    socket.on('error', () => {});
    end(socket);
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  servers.push(s);
  return { url: `https://127.0.0.1:${(s.address() as { port: number }).port}`, connections: () => connections };
}

const clock: Clock = { now: () => 0, sleep: async () => {} };

function clientOf(url: string, secret = 'sekret-0000', timing: { clock?: Clock; connectTimeoutMs?: number } = {}) {
  const t = createTransport(
    { name: 'lab', url, tokenId: 'root@pam!pvectl', tokenSecret: secret, defaults: {}, insecure: true },
    { warn: () => {}, connectTimeoutMs: timing.connectTimeoutMs },
  );
  transports.push(t);
  return new PveClient({
    regionName: 'lab',
    baseUrl: url,
    tokenId: 'root@pam!pvectl',
    tokenSecret: secret,
    fetch: t.fetch,
    clock: timing.clock ?? clock,
    requestTimeoutMs: 5000,
    random: () => 0,
  });
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail('the call should have failed'),
    (err: unknown) => err,
  );

const endings: [string, (socket: Socket) => void][] = [
  ['resets the connection at once', (s) => s.resetAndDestroy()],
  ['closes the connection at once', (s) => s.end()],
  ['resets it on reading the ClientHello', (s) => s.once('data', () => s.resetAndDestroy())],
  ['closes it on reading the ClientHello', (s) => s.once('data', () => s.end())],
];

describe.each(endings)('a server that %s, before TLS', (_, end) => {
  it('a POST says it could not connect (nothing was sent), never "lost", and is sent once', async () => {
    const s = await server(end);
    const err = await failure(clientOf(s.url).post('/nodes/pve1/qemu/100/status/start'));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err).not.toBeInstanceOf(LostAnswerError);
    expect((err as Error).message).toBe(
      `cannot connect to ${s.url}: the server closed the connection before the TLS handshake`,
    );
    expect(neverSent(err)).toBe(true);
    expect(s.connections()).toBe(1);
  });

  it('a GET is retried as any connection failure is, with the same words', async () => {
    const s = await server(end);
    const err = await failure(clientOf(s.url).get('/version'));
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as Error).message).toBe(
      `cannot connect to ${s.url}: the server closed the connection before the TLS handshake (tried 3 times)`,
    );
    expect(s.connections()).toBe(3);
  });
});

describe('a header Node refuses to send', () => {
  // a secret with "€": Node's ClientRequest throws ERR_INVALID_CHAR while building the request
  it('is a usage error before any connection, for a GET (not retried) and a POST (not "lost")', async () => {
    const s = await server((socket) => socket.end());
    const client = clientOf(s.url, 'sekret-€');
    for (const call of [client.get('/version'), client.post('/nodes/pve1/qemu/100/status/start')]) {
      const err = await failure(call);
      expect(err).toBeInstanceOf(UsageError);
      expect((err as UsageError).exitCode).toBe(2);
      expect((err as Error).message).toBe(
        `cannot send the request to ${s.url}: Invalid character in header content ["Authorization"]`,
      );
      expect((err as Error).message).not.toContain('€');
      expect((err as UsageError).hint).toContain('visible ASCII');
    }
    expect(s.connections()).toBe(0);
  });

  it("toNetworkError leaves Node's own ERR_* codes alone; errno codes stay network failures", () => {
    const invalid = Object.assign(new TypeError('Invalid character in header content ["Authorization"]'), {
      code: 'ERR_INVALID_CHAR',
    });
    expect(toNetworkError('https://pve:8006', invalid)).toBeNull();
    const down = Object.assign(new Error('connect ENETDOWN'), { code: 'ENETDOWN', syscall: 'connect' });
    expect(toNetworkError('https://pve:8006', down)?.message).toBe(
      'connection to https://pve:8006 failed: connect ENETDOWN',
    );
    // Node's TLS layer's own codes are the handshake's: a network failure, and nothing was sent
    const handshake = Object.assign(new Error('TLS handshake timeout'), { code: 'ERR_TLS_HANDSHAKE_TIMEOUT' });
    expect(toNetworkError('https://pve:8006', handshake)?.message).toBe(
      'TLS handshake with https://pve:8006 failed (TLS handshake timeout)',
    );
    expect(neverSent(handshake)).toBe(true);
  });
});

describe("the call's time running out", () => {
  /** A clock whose timer (the call's deadline) fires when the test says. */
  function manualClock(): Clock & { expire: () => void } {
    let fire = () => {};
    return { ...clock, timer: (_ms, fn) => ((fire = fn), () => {}), expire: () => fire() };
  }
  const start = '/nodes/pve1/qemu/100/status/start';

  it('while still connecting (no TLS answer yet): a write was not sent, so not "lost"', async () => {
    let open = 0;
    const silent = await server((socket) => (open++, socket.resume())); // reads the ClientHello, never answers
    const timer = manualClock();
    // a connect timeout longer than the call's: only the call's deadline ends this connection
    const pending = failure(clientOf(silent.url, 's', { clock: timer, connectTimeoutMs: 600_000 }).post(start));
    await vi.waitFor(() => expect(open).toBe(1));
    timer.expire();
    const err = await pending;
    expect(err).toBeInstanceOf(NetworkError);
    expect(err).not.toBeInstanceOf(LostAnswerError);
    expect((err as Error).message).toBe(`POST ${start}: no answer from ${silent.url} within 5 s`);
  });

  it('once the request was sent (the server reads it and stays silent): the answer is lost', async () => {
    const certs = makeCertificates();
    const seen: string[] = [];
    const tls = await startTestServer({
      cert: certs.certPem,
      key: certs.keyPem,
      handler: (req) => void seen.push(`${req.method} ${req.url}`), // and never answers
    });
    others.push(tls);
    const timer = manualClock();
    const pending = failure(clientOf(tls.url, 's', { clock: timer }).post(start));
    await vi.waitFor(() => expect(seen).toEqual([`POST /api2/json${start}`]));
    timer.expire();
    const err = await pending;
    expect(err).toBeInstanceOf(LostAnswerError);
    expect((err as Error).message).toContain(`POST ${start}: the answer was lost after the request was sent`);
  });
});
