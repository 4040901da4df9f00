// Certificates for pvesim's HTTPS: a throw-away CA and a leaf signed by it, made in-process so
// that the simulator needs no openssl. forge assembles the certificates; the RSA keys and the
// signatures come from Node's native crypto (forge's pure-JS RSA costs tenths of a second at start).
import {
  X509Certificate,
  createHash,
  createPublicKey,
  generateKeyPair,
  generateKeyPairSync,
  randomBytes,
  sign,
} from 'node:crypto';
import { isIP } from 'node:net';
import forge from 'node-forge';

const { pki } = forge;

export interface CertificateAuthority {
  certPem: string;
  keyPem: string;
}

export interface CertificateSet {
  caPem: string; // the CA certificate clients should trust
  certPem: string; // the leaf the server presents
  keyPem: string; // the leaf's private key
  fingerprint: string; // SHA-256 of the leaf's DER, "AA:BB:…" as Proxmox shows it
  ca: CertificateAuthority; // pass back as `ca` to sign more leaves with the same CA
}

export interface CertificateOptions {
  hosts?: string[]; // added to the SAN next to 127.0.0.1, ::1 and localhost
  ca?: CertificateAuthority; // sign with this CA instead of making a new one
  selfSigned?: boolean; // no CA at all: the leaf signs itself (caPem is the leaf)
  commonName?: string;
}

const DAY_MS = 86_400_000;

export function makeCertificates(opts: CertificateOptions = {}): CertificateSet {
  const caKeys = opts.ca || opts.selfSigned ? undefined : newKeyPair();
  return assemble(opts, newKeyPair(), caKeys);
}

// The same, with both RSA keys generated at once on libuv's thread pool: the main thread stays
// free (pvesim builds its cluster meanwhile) and start-up does not pay for two keys in a row.
export async function makeCertificatesAsync(opts: CertificateOptions = {}): Promise<CertificateSet> {
  const [leafKeys, caKeys] = await Promise.all([
    newKeyPairAsync(),
    opts.ca || opts.selfSigned ? undefined : newKeyPairAsync(),
  ]);
  return assemble(opts, leafKeys, caKeys);
}

function assemble(opts: CertificateOptions, leafKeys: KeyPair, caKeys: KeyPair | undefined): CertificateSet {
  const hosts = unique(['127.0.0.1', '::1', 'localhost', ...(opts.hosts ?? [])]);
  const commonName = opts.commonName ?? 'pvesim.localhost';
  const leaf = newCertificate(leafKeys.publicKey, 2 * 365);
  leaf.setSubject([{ name: 'commonName', value: commonName }, ...ORG]);

  if (opts.selfSigned) {
    leaf.setIssuer(leaf.subject.attributes);
    leaf.setExtensions([...leafExtensions(hosts), { name: 'subjectKeyIdentifier' }]);
    signWith(leaf, leafKeys.keyPem);
    const certPem = pki.certificateToPem(leaf);
    const keyPem = leafKeys.keyPem;
    return { caPem: certPem, certPem, keyPem, fingerprint: fingerprintOf(certPem), ca: { certPem, keyPem } };
  }

  const ca = opts.ca ?? makeCertificateAuthority(undefined, caKeys);
  const caCert = pki.certificateFromPem(ca.certPem);
  leaf.setIssuer(caCert.subject.attributes);
  leaf.setExtensions([
    ...leafExtensions(hosts),
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  signWith(leaf, ca.keyPem);
  const certPem = pki.certificateToPem(leaf);
  return {
    caPem: ca.certPem,
    certPem,
    keyPem: leafKeys.keyPem,
    fingerprint: fingerprintOf(certPem),
    ca,
  };
}

export function makeCertificateAuthority(commonName = 'pvesim CA', keys = newKeyPair()): CertificateAuthority {
  const cert = newCertificate(keys.publicKey, 10 * 365);
  const subject = [{ name: 'commonName', value: `${commonName} ${randomBytes(4).toString('hex')}` }, ...ORG];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  signWith(cert, keys.keyPem);
  return { certPem: pki.certificateToPem(cert), keyPem: keys.keyPem };
}

// SHA-256 of a certificate's DER in upper-case colon hex, the form Proxmox's GUI and
// `pvenode cert info` show.
export function fingerprintOf(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

// curl's --pinnedpubkey value: "sha256//" + base64 SHA-256 of the certificate's public key (SPKI).
export function publicKeyPinOf(certPem: string): string {
  const spki = createPublicKey(certPem).export({ type: 'spki', format: 'der' });
  return `sha256//${createHash('sha256').update(spki).digest('base64')}`;
}

const ORG = [{ name: 'organizationName', value: 'pvesim (simulated Proxmox VE)' }];

interface KeyPair {
  publicKey: forge.pki.PublicKey;
  keyPem: string;
}

const RSA = {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
} as const;

function newKeyPair(): KeyPair {
  const pair = generateKeyPairSync('rsa', RSA);
  return { publicKey: pki.publicKeyFromPem(pair.publicKey), keyPem: pair.privateKey };
}

function newKeyPairAsync(): Promise<KeyPair> {
  return new Promise((resolve, reject) =>
    generateKeyPair('rsa', RSA, (err, publicKey, privateKey) => {
      if (err) reject(err);
      else resolve({ publicKey: pki.publicKeyFromPem(publicKey), keyPem: privateKey });
    }),
  );
}

// forge has this function but its type definitions lack it.
interface ForgeTbs {
  getTBSCertificate(cert: forge.pki.Certificate): forge.asn1.Asn1;
}

// What forge's cert.sign(key, sha256) does, with the RSA operation done natively.
function signWith(cert: forge.pki.Certificate, signerKeyPem: string): void {
  cert.signatureOid = pki.oids.sha256WithRSAEncryption!;
  cert.siginfo.algorithmOid = cert.signatureOid;
  const tbs = (pki as unknown as ForgeTbs).getTBSCertificate(cert);
  const der = Buffer.from(forge.asn1.toDer(tbs).getBytes(), 'binary');
  cert.signature = sign('sha256', der, signerKeyPem).toString('binary');
}

function newCertificate(publicKey: forge.pki.PublicKey, days: number): forge.pki.Certificate {
  const cert = pki.createCertificate();
  cert.publicKey = publicKey;
  // A clear top bit keeps the DER INTEGER positive; the low bit set keeps it from being 0x00….
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x01;
  cert.serialNumber = serial.toString('hex');
  const now = Date.now();
  cert.validity.notBefore = new Date(now - DAY_MS); // tolerate clients with a slow clock
  cert.validity.notAfter = new Date(now + days * DAY_MS);
  return cert;
}

function leafExtensions(hosts: string[]): object[] {
  return [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: hosts.map((h) => (isIP(h) ? { type: 7, ip: h } : { type: 2, value: h })),
    },
  ];
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => v !== ''))];
}
