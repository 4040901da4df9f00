// The certificate chain a TLS peer presented, and whether a pinned certificate really anchors it.
import { X509Certificate } from 'node:crypto';
import type { DetailedPeerCertificate } from 'node:tls';

/** Leaf first, each certificate once (a self-signed root is its own issuer). */
export function peerChain(leaf: DetailedPeerCertificate | undefined): DetailedPeerCertificate[] {
  const chain: DetailedPeerCertificate[] = [];
  const seen = new Set<string>();
  let cert = leaf;
  while (cert?.raw && !seen.has(cert.fingerprint256)) {
    chain.push(cert);
    seen.add(cert.fingerprint256);
    cert = cert.issuerCertificate;
  }
  return chain;
}

/**
 * True when `pin` is the leaf, or a certificate that the leaf chains up to by verified signatures.
 * Certificates are public: anyone can append the pinned CA to the chain they send, and Node links
 * `issuerCertificate` by names only. So every link below the pinned certificate must be signed by
 * the next one, which must be a CA. (The leaf itself is proven by the handshake.)
 */
export function chainMatchesPin(chain: DetailedPeerCertificate[], pin: string): boolean {
  for (let i = 0; i < chain.length; i++) {
    if (chain[i]!.fingerprint256 === pin) return true;
    const issuer = chain[i + 1];
    if (!issuer || !isSignedBy(chain[i]!, issuer)) return false;
  }
  return false;
}

function isSignedBy(cert: DetailedPeerCertificate, issuer: DetailedPeerCertificate): boolean {
  try {
    const child = new X509Certificate(cert.raw);
    const parent = new X509Certificate(issuer.raw);
    return parent.ca && child.checkIssued(parent) && child.verify(parent.publicKey);
  } catch {
    return false;
  }
}
