import { X509Certificate, createHash } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import forge from 'node-forge';
import { afterAll, describe, expect, it } from 'vitest';
import {
  fingerprintOf,
  makeCertificates,
  makeCertificatesAsync,
  publicKeyPinOf,
  type CertificateSet,
} from '../src/cert.js';

const servers: tls.Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

// Serve `served` over TLS and connect trusting only `caPem`: resolves with what the client saw.
async function handshake(served: CertificateSet, caPem: string, servername?: string) {
  const server = tls.createServer({ cert: `${served.certPem}${served.caPem}`, key: served.keyPem }, (s) => s.end());
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return new Promise<{ ok: boolean; error?: string; peerDer?: Buffer }>((resolve) => {
    const socket = tls.connect({ host: '127.0.0.1', port, ca: caPem, servername }, () => {
      resolve({ ok: socket.authorized, peerDer: socket.getPeerCertificate().raw });
      socket.end();
    });
    socket.on('error', (err) => resolve({ ok: false, error: (err as NodeJS.ErrnoException).code ?? err.message }));
  });
}

describe('makeCertificates', () => {
  const main = makeCertificates({ hosts: ['pve.test', '10.0.0.5'] });
  const leaf = new X509Certificate(main.certPem);
  const ca = new X509Certificate(main.caPem);

  it('makes a CA and a leaf signed by it, verified by a TLS client trusting only the CA', async () => {
    expect(ca.ca).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    const seen = await handshake(main, main.caPem);
    expect(seen).toMatchObject({ ok: true });
    expect(new X509Certificate(seen.peerDer!).fingerprint256).toBe(main.fingerprint);
    expect(await handshake(main, main.caPem, 'localhost')).toMatchObject({ ok: true });
  });

  it('names 127.0.0.1, ::1, localhost and the hosts asked for', () => {
    expect(leaf.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(leaf.checkIP('::1')).toBeDefined();
    expect(leaf.checkHost('localhost')).toBe('localhost');
    expect(leaf.checkHost('pve.test')).toBe('pve.test');
    expect(leaf.checkIP('10.0.0.5')).toBe('10.0.0.5');
    expect(leaf.checkHost('other.test')).toBeUndefined();
  });

  it('uses RSA 2048 and SHA-256 signatures, valid now', () => {
    expect(leaf.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const parsed = forge.pki.certificateFromPem(main.certPem);
    expect(parsed.signatureOid).toBe(forge.pki.oids.sha256WithRSAEncryption);
    expect(parsed.validity.notBefore.getTime()).toBeLessThan(Date.now());
    expect(parsed.validity.notAfter.getTime()).toBeGreaterThan(Date.now() + 300 * 86_400_000);
  });

  it('gives the SHA-256 fingerprint of the leaf DER in upper-case colon hex', () => {
    expect(main.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const digest = createHash('sha256').update(leaf.raw).digest('hex').toUpperCase();
    expect(main.fingerprint.replaceAll(':', '')).toBe(digest);
    expect(fingerprintOf(main.certPem)).toBe(main.fingerprint);
  });

  it('signs further leaves with a CA passed back in', async () => {
    const second = makeCertificates({ ca: main.ca });
    expect(second.caPem).toBe(main.caPem);
    expect(second.fingerprint).not.toBe(main.fingerprint);
    expect(await handshake(second, main.caPem)).toMatchObject({ ok: true });
  });

  it('leaves from another CA and self-signed leaves are refused by a client trusting our CA', async () => {
    const foreign = makeCertificates();
    expect(foreign.caPem).not.toBe(main.caPem);
    expect(await handshake(foreign, main.caPem)).toMatchObject({ ok: false });
    const self = makeCertificates({ selfSigned: true });
    expect(self.caPem).toBe(self.certPem);
    const selfCert = new X509Certificate(self.certPem);
    expect(selfCert.verify(selfCert.publicKey)).toBe(true);
    expect(await handshake(self, main.caPem)).toMatchObject({ ok: false, error: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(await handshake(self, self.certPem)).toMatchObject({ ok: true });
  });

  it('makes the same kind of set asynchronously', async () => {
    const made = await makeCertificatesAsync({ hosts: ['pve.test'] });
    expect(new X509Certificate(made.certPem).checkHost('pve.test')).toBe('pve.test');
    expect(await handshake(made, made.caPem)).toMatchObject({ ok: true });
    const signedByMain = await makeCertificatesAsync({ ca: main.ca });
    expect(await handshake(signedByMain, main.caPem)).toMatchObject({ ok: true });
  });

  it('computes curl --pinnedpubkey values from the public key', () => {
    const spki = leaf.publicKey.export({ type: 'spki', format: 'der' });
    expect(publicKeyPinOf(main.certPem)).toBe(`sha256//${createHash('sha256').update(spki).digest('base64')}`);
  });
});
