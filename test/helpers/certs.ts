// Certificates the simulator's makeCertificates() does not make on purpose: a leaf that does not
// name 127.0.0.1, and a forged chain (an impostor CA with the same name as a real one).
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import forge from 'node-forge';
import type { CertificateAuthority } from '../../sim/src/cert.js';

const { pki } = forge;
type Attrs = forge.pki.CertificateField[];

interface IssueOptions {
  subject: Attrs;
  issuer?: CertificateAuthority; // absent: self-signed
  isCa?: boolean;
  dnsNames?: string[];
}

/** A certificate and its key; with `issuer`, signed by it, without an authorityKeyIdentifier. */
export function issue(opts: IssueOptions): CertificateAuthority {
  const pair = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  const cert = pki.createCertificate();
  cert.publicKey = pki.publicKeyFromPem(pair.publicKey);
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 30 * 86_400_000);
  cert.setSubject(opts.subject);
  cert.setIssuer(opts.issuer ? pki.certificateFromPem(opts.issuer.certPem).subject.attributes : opts.subject);
  cert.setExtensions(
    opts.isCa
      ? [
          { name: 'basicConstraints', cA: true, critical: true },
          { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
          { name: 'subjectKeyIdentifier' },
        ]
      : [
          { name: 'basicConstraints', cA: false },
          { name: 'extKeyUsage', serverAuth: true },
          { name: 'subjectAltName', altNames: (opts.dnsNames ?? []).map((value) => ({ type: 2, value })) },
        ],
  );
  const signerKey = opts.issuer?.keyPem ?? pair.privateKey;
  cert.signatureOid = pki.oids.sha256WithRSAEncryption!;
  cert.siginfo.algorithmOid = cert.signatureOid;
  // forge's typings omit getTBSCertificate, which it exports
  const tbsAsn1 = (
    pki as unknown as { getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1 }
  ).getTBSCertificate(cert);
  const tbs = Buffer.from(forge.asn1.toDer(tbsAsn1).getBytes(), 'binary');
  cert.signature = sign('sha256', tbs, signerKey).toString('binary');
  return { certPem: pki.certificateToPem(cert), keyPem: pair.privateKey };
}

/** A CA named exactly like `real` but with its own key: what an interceptor would make. */
export function impostorOf(real: CertificateAuthority): CertificateAuthority {
  return issue({ subject: pki.certificateFromPem(real.certPem).subject.attributes as Attrs, isCa: true });
}

export function commonName(cn: string): Attrs {
  return [{ name: 'commonName', value: cn }];
}
