import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fingerprintOf, makeCertificates, type CertificateSet } from '../../sim/src/cert.js';
import { normalizeFingerprint, probeCertificate, readCaFile } from '../../src/api/tls.js';
import { NetworkError, UsageError } from '../../src/errors.js';
import { startTestServer, type TestServer } from '../helpers/tls-server.js';

const HEX = 'ab'.repeat(32);
const CANONICAL = Array(32).fill('AB').join(':');

describe('normalizeFingerprint', () => {
  it.each([
    ['colon hex, upper case', CANONICAL],
    ['colon hex, lower case', CANONICAL.toLowerCase()],
    ['bare hex', HEX],
    ['bare hex with spaces around', `  ${HEX.toUpperCase()}\n`],
    ['openssl output', `sha256 Fingerprint=${CANONICAL}`],
    ['SHA256: prefix', `SHA256:${HEX}`],
  ])('accepts %s', (_label, input) => {
    expect(normalizeFingerprint(input)).toBe(CANONICAL);
  });

  it.each([
    ['too short', 'AB:CD:EF'],
    ['not hex', 'zz'.repeat(32)],
    ['one digit too many', `${HEX}a`],
    ['colons in odd places', `${HEX.slice(0, 3)}:${HEX.slice(3)}`],
    ['SHA-1', 'ab'.repeat(20)],
    ['empty', ''],
  ])('refuses %s, naming the value', (_label, input) => {
    let err: unknown;
    try {
      normalizeFingerprint(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).exitCode).toBe(2);
    expect((err as UsageError).message).toContain(`"${input}"`);
  });

  it('says when the value looks like a SHA-1 fingerprint', () => {
    expect(() => normalizeFingerprint('ab:'.repeat(19) + 'ab')).toThrow(/SHA-1/);
  });
});

describe('probeCertificate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pvectl-tls-'));
  let certs: CertificateSet;
  let server: TestServer;

  beforeAll(async () => {
    certs = makeCertificates();
    writeFileSync(join(dir, 'ca.pem'), certs.caPem);
    server = await startTestServer({ cert: certs.certPem + certs.caPem, key: certs.keyPem });
  });
  afterAll(() => server.close());

  it('returns the leaf and chain fingerprints and sends nothing', async () => {
    const info = await probeCertificate(server.url);
    expect(info.fingerprint).toBe(certs.fingerprint);
    expect(info.chainFingerprints).toEqual([certs.fingerprint, fingerprintOf(certs.caPem)]);
    expect(info.subject).toContain('CN=pvesim.localhost');
    expect(info.issuer).toContain('CN=pvesim CA');
    expect(new Date(info.validTo).getTime()).toBeGreaterThan(Date.now());
    expect(info.authorized).toBe(false); // its CA is not among the system CAs
    expect(info.authorizationError).toBe('SELF_SIGNED_CERT_IN_CHAIN');
    await new Promise((r) => setTimeout(r, 50));
    expect(server.seen.tcpConnections).toBeGreaterThan(0);
    expect(server.seen.bytes).toBe(0);
    expect(server.seen.requests).toEqual([]);
  });

  it('reports a server as authorized by the CA file that signed it', async () => {
    const info = await probeCertificate(server.url, { caFile: join(dir, 'ca.pem') });
    expect(info.authorized).toBe(true);
    expect(info.authorizationError).toBeUndefined();
  });

  it('gives a NetworkError naming the URL when nothing listens', async () => {
    const s = createServer();
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    const { port } = s.address() as { port: number };
    await new Promise((resolve) => s.close(resolve));
    const err = await probeCertificate(`https://127.0.0.1:${port}`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as Error).message).toBe(`cannot connect to https://127.0.0.1:${port}: connection refused`);
  });

  it('refuses a URL that is not https before connecting', async () => {
    await expect(probeCertificate('http://127.0.0.1:8006')).rejects.toBeInstanceOf(UsageError);
  });
});

describe('readCaFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pvectl-ca-'));

  it('refuses a missing file, a file without certificates and a damaged certificate', () => {
    writeFileSync(join(dir, 'empty.pem'), 'not a certificate\n');
    writeFileSync(join(dir, 'bad.pem'), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    expect(() => readCaFile(join(dir, 'missing.pem'))).toThrow(/cannot read CA file .*missing\.pem/);
    expect(() => readCaFile(join(dir, 'empty.pem'))).toThrow(/holds no PEM certificate/);
    expect(() => readCaFile(join(dir, 'bad.pem'))).toThrow(/damaged certificate/);
  });
});
