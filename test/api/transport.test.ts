// The production transport against real HTTPS servers with real certificates on 127.0.0.1.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fingerprintOf, makeCertificates, type CertificateSet } from '../../sim/src/cert.js';
import { createTransport, type Transport } from '../../src/api/transport.js';
import type { Region } from '../../src/config/types.js';
import { NetworkError, TlsError, UsageError } from '../../src/errors.js';
import { commonName, impostorOf, issue } from '../helpers/certs.js';
import { startTestServer, type TestServer } from '../helpers/tls-server.js';

const AUTH = 'PVEAPIToken=root@pam!pvectl=00000000-secret';
const dir = mkdtempSync(join(tmpdir(), 'pvectl-transport-'));
let certs: CertificateSet;
let otherCa: CertificateSet;
let server: TestServer; // presents leaf + CA
const transports: Transport[] = [];
const servers: TestServer[] = [];

function region(trust: Partial<Region>, url = server.url): Region {
  return { name: 'lab', url, tokenId: 'root@pam!pvectl', tokenSecret: 'secret', defaults: {}, ...trust };
}

function transport(r: Region, opts?: Partial<Parameters<typeof createTransport>[1]>): Transport {
  const t = createTransport(r, { warn: () => {}, ...opts });
  transports.push(t);
  return t;
}

function get(t: Transport, url: string, signal?: AbortSignal) {
  return t.fetch(`${url}/api2/json/version`, { method: 'GET', headers: { authorization: AUTH }, signal });
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => expect.fail('the request should have been refused'),
    (err: unknown) => err,
  );
}

async function serve(cert: string, key: string, handler?: Parameters<typeof startTestServer>[0]['handler']) {
  const s = await startTestServer({ cert, key, handler });
  servers.push(s);
  return s;
}

beforeAll(async () => {
  certs = makeCertificates();
  otherCa = makeCertificates();
  writeFileSync(join(dir, 'ca.pem'), certs.caPem);
  writeFileSync(join(dir, 'other-ca.pem'), otherCa.caPem);
  server = await serve(certs.certPem + certs.caPem, certs.keyPem);
});

afterEach(async () => {
  await Promise.all(transports.splice(0).map((t) => t.close()));
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

function expectNothingReached(s: TestServer) {
  expect(s.seen.tcpConnections).toBeGreaterThan(0); // we did reach it…
  expect(s.seen.requests).toEqual([]);
  expect(s.seen.bytes).toBe(0); // …and it received not one byte of HTTP
}

describe('pinned fingerprint', () => {
  it('accepts the leaf pinned upper case with colons, and lower case without', async () => {
    for (const pin of [certs.fingerprint, certs.fingerprint.replace(/:/g, '').toLowerCase()]) {
      const res = await get(transport(region({ fingerprint: pin })), server.url);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('{"data":"ok"}');
    }
    expect(server.seen.requests.at(-1)?.authorization).toBe(AUTH);
  });

  it('accepts the CA the chain leads to', async () => {
    const res = await get(transport(region({ fingerprint: fingerprintOf(certs.caPem) })), server.url);
    expect(res.status).toBe(200);
  });

  it('refuses a wrong pin before sending anything, naming both fingerprints', async () => {
    const s = await serve(otherCa.certPem, otherCa.keyPem);
    const err = await rejection(get(transport(region({ fingerprint: certs.fingerprint }, s.url)), s.url));
    expect(err).toBeInstanceOf(TlsError);
    const tlsErr = err as TlsError;
    expect(tlsErr.exitCode).toBe(5);
    expect(tlsErr.fingerprint).toBe(otherCa.fingerprint);
    expect(tlsErr.message).toContain(
      `certificate fingerprint ${otherCa.fingerprint} does not match the pinned ${certs.fingerprint}`,
    );
    expect(tlsErr.message).toMatch(/intercept/);
    expect(tlsErr.hint).toContain(`pvectl region add lab --url ${s.url}`);
    expect(tlsErr.hint).toContain(`--fingerprint ${otherCa.fingerprint} for one call`);
    expect(tlsErr.hint).not.toContain('PVECTL_');
    expectNothingReached(s);
  });

  it('refuses a forged chain that merely appends the pinned CA', async () => {
    const fake = impostorOf(certs.ca);
    const leaf = issue({ subject: commonName('pve1'), issuer: fake, dnsNames: ['localhost'] });
    const s = await serve(leaf.certPem + certs.caPem, leaf.keyPem);
    const err = await rejection(get(transport(region({ fingerprint: fingerprintOf(certs.caPem) }, s.url)), s.url));
    expect(err).toBeInstanceOf(TlsError);
    expectNothingReached(s);
  });
});

describe('CA file', () => {
  it('trusts a server whose certificate the CA signed', async () => {
    const res = await get(transport(region({ caFile: join(dir, 'ca.pem') })), server.url);
    expect(res.status).toBe(200);
  });

  it('refuses a server signed by another CA', async () => {
    const s = await serve(otherCa.certPem, otherCa.keyPem);
    const err = await rejection(get(transport(region({ caFile: join(dir, 'ca.pem') }, s.url)), s.url));
    expect(err).toBeInstanceOf(TlsError);
    expect((err as TlsError).message).toContain('not trusted');
    expect((err as TlsError).message).toContain(otherCa.fingerprint);
    expectNothingReached(s);
  });

  it('refuses a certificate from the trusted CA issued for another host name', async () => {
    const leaf = issue({ subject: commonName('other.example'), issuer: certs.ca, dnsNames: ['other.example'] });
    const s = await serve(leaf.certPem, leaf.keyPem);
    const err = await rejection(get(transport(region({ caFile: join(dir, 'ca.pem') }, s.url)), s.url));
    expect(err).toBeInstanceOf(TlsError);
    expect((err as TlsError).message).toContain('not valid for the host name "127.0.0.1"');
    expectNothingReached(s);
  });
});

describe('no trust configured', () => {
  it('refuses a self-signed server, showing its fingerprint and how to trust it', async () => {
    const self = makeCertificates({ selfSigned: true });
    const s = await serve(self.certPem, self.keyPem);
    const err = await rejection(get(transport(region({}, s.url)), s.url));
    expect(err).toBeInstanceOf(TlsError);
    const tlsErr = err as TlsError;
    expect(tlsErr.fingerprint).toBe(self.fingerprint);
    expect(tlsErr.message).toContain('not trusted');
    expect(tlsErr.message).toContain(self.fingerprint);
    expect(tlsErr.hint).toContain(`pvectl region add lab --url ${s.url}`);
    expect(tlsErr.hint).toContain(`--fingerprint ${self.fingerprint}`);
    // a configured region ignores the trust variables (contract: "trust from the config alone"):
    // the hint offers the flags, which apply to the region chosen, instead
    expect(tlsErr.hint).toContain(`--fingerprint ${self.fingerprint} for one call`);
    expect(tlsErr.hint).not.toMatch(/PVECTL_(FINGERPRINT|CA_FILE|INSECURE)/);
    expect(tlsErr.hint).toContain('--ca-file');
    expect(tlsErr.hint).toContain('--insecure');
    expectNothingReached(s);
  });

  it('tells the environment region to use its trust variables (it has no config to re-add)', async () => {
    const self = makeCertificates({ selfSigned: true });
    const s = await serve(self.certPem, self.keyPem);
    const err = await rejection(get(transport({ ...region({}, s.url), name: 'env' }), s.url));
    const hint = (err as TlsError).hint ?? '';
    expect(hint).toContain(`PVECTL_FINGERPRINT=${self.fingerprint}`);
    expect(hint).toContain('PVECTL_CA_FILE=FILE');
    expect(hint).toContain('PVECTL_INSECURE=1');
    expect(hint).not.toContain('pvectl region');
    expectNothingReached(s);
  });
});

describe('insecure', () => {
  it('connects to any certificate and warns each time a transport is made', async () => {
    const warn = vi.fn();
    const r = region({ insecure: true });
    const res = await get(transport(r, { warn }), server.url);
    expect(res.status).toBe(200);
    transport(r, { warn });
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn).toHaveBeenCalledWith(
      'TLS verification is disabled for region lab (--insecure): the connection is not protected against interception',
    );
  });
});

describe('HTTP behaviour', () => {
  it('gives the reason phrase of an error answer as statusText', async () => {
    const s = await serve(certs.certPem, certs.keyPem, (_req, res) => {
      res.writeHead(500, 'VM 100 not running', { 'content-type': 'application/json' });
      res.end('{"data":null}');
    });
    const res = await get(transport(region({ fingerprint: certs.fingerprint }, s.url)), s.url);
    expect(res.status).toBe(500);
    expect(res.statusText).toBe('VM 100 not running');
    expect(res.headers.get('content-type')).toBe('application/json');
  });

  it('reuses one connection for sequential requests, and close() ends it', async () => {
    const s = await serve(certs.certPem, certs.keyPem);
    const t = transport(region({ fingerprint: certs.fingerprint }, s.url));
    for (let i = 0; i < 3; i++) expect(await (await get(t, s.url)).text()).toBe('{"data":"ok"}');
    expect(s.seen.requests).toHaveLength(3);
    expect(s.seen.connections).toBe(1);
    expect(s.seen.bytes).toBeGreaterThan(0); // the counter that stays 0 for refused servers works
    await t.close();
    await vi.waitFor(() => expect(s.seen.closedConnections).toBe(1), { timeout: 2000 });
  });

  it('turns a refused connection into a NetworkError naming the URL', async () => {
    const port = await closedPort();
    const url = `https://127.0.0.1:${port}`;
    const err = await rejection(get(transport(region({ fingerprint: certs.fingerprint }, url)), url));
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).message).toBe(`cannot connect to ${url}: connection refused`);
  });

  it('gives up connecting after the connect timeout with a NetworkError', async () => {
    const silent = createServer(); // accepts TCP, never answers the TLS handshake
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `https://127.0.0.1:${(silent.address() as { port: number }).port}`;
    try {
      const t = transport(region({ fingerprint: certs.fingerprint, connectTimeoutMs: 5000 }, url), {
        connectTimeoutMs: 200,
      });
      const err = await rejection(get(t, url));
      expect(err).toBeInstanceOf(NetworkError);
      expect((err as NetworkError).message).toBe(`cannot connect to ${url}: connection timed out after 0.2 s`);
    } finally {
      silent.close();
    }
  });

  it('refuses a malformed pin before connecting', () => {
    expect(() => createTransport(region({ fingerprint: 'AB:CD' }), { warn: () => {} })).toThrow(UsageError);
  });

  it("rethrows the caller's abort as it is", async () => {
    const s = await serve(certs.certPem, certs.keyPem, () => {}); // never answers
    const t = transport(region({ fingerprint: certs.fingerprint }, s.url));
    const timedOut = await rejection(get(t, s.url, AbortSignal.timeout(100)));
    expect((timedOut as Error).name).toBe('TimeoutError');
    const ac = new AbortController();
    const pending = get(t, s.url, ac.signal);
    setTimeout(() => ac.abort(), 50);
    expect(((await rejection(pending)) as Error).name).toBe('AbortError');
  });

  it('refuses a plain http:// region URL before connecting', () => {
    expect(() => createTransport(region({}, 'http://127.0.0.1:8006'), { warn: () => {} })).toThrow(/https:\/\//);
  });
});

describe('process exit', () => {
  // The built CLI must end as soon as its work is done. Bundled like dist/, run as a real process.
  const childScript = `
    import { createTransport } from './transport.mjs';
    const [url, fingerprint] = process.argv.slice(2);
    const region = { name: 'lab', url, fingerprint, tokenId: 't', tokenSecret: 's', defaults: {} };
    const t = createTransport(region, { warn: () => {} });
    const res = await t.fetch(url + '/api2/json/version', { method: 'GET', headers: {} });
    await res.text();
    await t.close();
    process.stdout.write('done\\n');
  `;

  async function bundleChild(): Promise<string> {
    const { build } = await import('esbuild');
    const out = mkdtempSync(join(tmpdir(), 'pvectl-exit-'));
    await build({
      entryPoints: [fileURLToPath(new URL('../../src/api/transport.ts', import.meta.url))],
      outfile: join(out, 'transport.mjs'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      logLevel: 'error',
    });
    writeFileSync(join(out, 'child.mjs'), childScript);
    return join(out, 'child.mjs');
  }

  it('exits promptly after a request and close()', async () => {
    const child = spawn(process.execPath, [await bundleChild(), server.url, certs.fingerprint], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let doneAt = 0;
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('done')) doneAt = Date.now();
    });
    const code = await new Promise<number | null>((resolve) => {
      const watchdog = setTimeout(() => child.kill(), 10_000);
      child.on('exit', (c) => {
        clearTimeout(watchdog);
        resolve(c);
      });
    });
    expect(code).toBe(0);
    expect(doneAt).toBeGreaterThan(0);
    // generous: the keep-alive time is 4 s; a prompt exit takes a few ms
    expect(Date.now() - doneAt).toBeLessThan(1500);
  });
});

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as { port: number };
  await new Promise((resolve) => s.close(resolve));
  return port;
}
