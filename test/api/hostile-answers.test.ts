// A hostile or broken server over real HTTPS, through the production transport: answers that never
// end, that inflate to gigabytes, and error texts that echo the token or carry terminal escapes.
import { gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PveClient } from '../../src/api/client.js';
import { createTransport, type Transport } from '../../src/api/transport.js';
import { systemClock } from '../../src/context.js';
import { NetworkError } from '../../src/errors.js';
import { makeCertificates, type CertificateSet } from '../../sim/src/cert.js';
import { run } from '../helpers/cli.js';
import { startTestServer, type TestServer } from '../helpers/tls-server.js';

const SECRET = '5f0c1e9a-7d2b-4c3e-9a8f-0123456789ab';
const TOKEN = `root@pam!pvectl=${SECRET}`;
let certs: CertificateSet;
const servers: TestServer[] = [];
const transports: Transport[] = [];

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function serve(handler: Handler): Promise<TestServer> {
  const s = await startTestServer({ cert: certs.certPem, key: certs.keyPem, handler });
  servers.push(s);
  return s;
}

function env(s: TestServer, extra: Record<string, string> = {}) {
  return { PVECTL_URL: s.url, PVECTL_TOKEN: TOKEN, PVECTL_FINGERPRINT: certs.fingerprint, NO_COLOR: '1', ...extra };
}

const pvectl = (args: string[], e: Record<string, string>) => run(args, { env: e, realTransport: true });

beforeAll(() => {
  certs = makeCertificates();
});
afterAll(async () => {
  await Promise.all(transports.map((t) => t.close()));
  await Promise.all(servers.map((s) => s.close()));
});

// ~80 kB on the wire, 80 MiB once inflated: past the default 64 MiB limit
const bomb = gzipSync(Buffer.alloc(80 * 1024 ** 2, 0x20));
const sendBomb: Handler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
  res.end(bomb);
};

describe('the size of an answer', () => {
  it('a gzip body that inflates past the limit fails clearly, once (not retried)', async () => {
    const s = await serve(sendBomb);
    const r = await pvectl(['node', 'list'], env(s));
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(
      `Error: GET /api2/json/cluster/resources: the answer from ${s.url} is larger than 64 MiB (decompressed); ` +
        'pvectl stopped reading it',
    );
    expect(r.stderr).toContain('PVECTL_MAX_ANSWER_SIZE=256M');
    expect(s.seen.requests).toHaveLength(1);
  });

  it('PVECTL_MAX_ANSWER_SIZE lowers (or raises) the limit', async () => {
    const s = await serve(sendBomb);
    const r = await pvectl(['node', 'list'], env(s, { PVECTL_MAX_ANSWER_SIZE: '8M' }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is larger than 8 MiB (decompressed)');
  });

  it('a bad PVECTL_MAX_ANSWER_SIZE is a usage error and nothing is sent', async () => {
    const s = await serve(sendBomb);
    const r = await pvectl(['node', 'list'], env(s, { PVECTL_MAX_ANSWER_SIZE: 'lots' }));
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      'Error: PVECTL_MAX_ANSWER_SIZE: "lots" is not a size; use a number with an optional K, M, G or T suffix ' +
        '(e.g. 512M, 1G, 1.5G)',
    );
    expect(s.seen.requests).toEqual([]);
  });

  it('a plain body that never ends is cut off at the limit, without waiting for its end', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    const r = await pvectl(['node', 'list'], env(s, { PVECTL_MAX_ANSWER_SIZE: '2M' }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`the answer from ${s.url} is larger than 2 MiB (decompressed)`);
    expect(s.seen.requests).toHaveLength(1);
  });

  it('a body announced as gzip that is not gzip is an error of the answer, not a crash', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end('{"data":[]}');
    });
    const r = await pvectl(['node', 'list'], env(s));
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toMatch(
      new RegExp(`^Error: the answer from ${s.url} is not valid gzip as announced`),
    );
    expect(r.stderr).not.toContain('failed unexpectedly');
  });
});

describe('a read that never finishes', () => {
  it('ends within the request timeout, retries included: one budget per call', async () => {
    // headers and half a body, then silence
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":[');
    });
    const region = { name: 'lab', url: s.url, tokenId: 'root@pam!pvectl', tokenSecret: SECRET, defaults: {} };
    const t = createTransport({ ...region, fingerprint: certs.fingerprint }, { warn: () => {} });
    transports.push(t);
    const client = new PveClient({
      regionName: 'lab',
      baseUrl: s.url,
      tokenId: region.tokenId,
      tokenSecret: SECRET,
      fetch: t.fetch,
      clock: systemClock,
      requestTimeoutMs: 300,
    });
    const err = await client.get('/cluster/resources').then(
      () => expect.fail('a body that never ends cannot succeed'),
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as Error).message).toBe(`GET /cluster/resources: no answer from ${s.url} within 300 ms`);
    // not 3 tries of 300 ms each: the timed-out try used the whole budget
    expect(s.seen.requests).toHaveLength(1);
  });
});

describe('error texts from a hostile server', () => {
  // echoes the Authorization header in the reason phrase and the body, with terminal escapes
  const echo: Handler = (req, res) => {
    const auth = req.headers.authorization ?? '';
    res.writeHead(500, `bad token ${auth}`, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ data: null, message: `\x1b]0;pwned\x07\x1b[2Jdenied: ${auth}\n` }));
  };

  it('the secret is masked and control characters escaped, in the error and in --verbose', async () => {
    const s = await serve(echo);
    const r = await pvectl(['-v', 'node', 'list'], env(s));
    expect(r.code).toBe(1);
    expect(s.seen.requests[0]?.authorization).toBe(`PVEAPIToken=${TOKEN}`); // it did get the secret…
    expect(r.stderr).not.toContain(SECRET); // …and pvectl never printed it back
    expect(r.stderr).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f]/);
    expect(r.stderr).toContain(
      'Error: GET /cluster/resources: \\x1b]0;pwned\\x07\\x1b[2Jdenied: PVEAPIToken=root@pam!pvectl=***',
    );
    expect(r.stderr).toContain(
      '[env] GET /cluster/resources?type=node → 500 bad token PVEAPIToken=root@pam!pvectl=***',
    );
  });

  it('-o json carries no secret either', async () => {
    const s = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: { echoed: req.headers.authorization } }));
    });
    const r = await pvectl(['api', 'get', '/version'], env(s));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ echoed: 'PVEAPIToken=root@pam!pvectl=***' });
  });
});
