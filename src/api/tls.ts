// Certificate facts: fingerprint syntax, CA bundles, and a probe that shows what a server presents
// (for trust on first use) without sending it anything.
import { X509Certificate } from 'node:crypto';
import { MiB, readFileBoundedSync } from '../lib/bounded-read.js';
import { isIP } from 'node:net';
import { checkServerIdentity, connect, type TLSSocket } from 'node:tls';
import { NetworkError, UsageError } from '../errors.js';
import { peerChain } from './cert-chain.js';
import { toNetworkError } from './network-error.js';

/** Hex, colons optional, any case (an openssl "SHA256 Fingerprint=" prefix is allowed) → "AA:BB:…". */
export function normalizeFingerprint(input: string): string {
  const bare = input.trim().replace(/^sha-?256(\s*fingerprint)?\s*[=:]?\s*/i, '');
  const hex =
    /^[0-9a-f]{64}$/i.test(bare) || /^([0-9a-f]{2}:){31}[0-9a-f]{2}$/i.test(bare)
      ? bare.replace(/:/g, '').toUpperCase()
      : null;
  if (!hex) {
    const digits = bare.replace(/[^0-9a-f]/gi, '').length;
    const sha1 = digits === 40 ? ' (that looks like a SHA-1 fingerprint)' : '';
    throw new UsageError(
      `invalid certificate fingerprint "${input}"${sha1}: expected a SHA-256 fingerprint, 64 hex digits, ` +
        `colons optional`,
      {
        hint:
          'Proxmox VE shows it under Datacenter > node > System > Certificates, or run `pvenode cert info` on ' +
          'the node.',
      },
    );
  }
  return hex.match(/../g)!.join(':');
}

export interface PeerCertificateInfo {
  /** SHA-256 of the leaf certificate, "AA:BB:…" */
  fingerprint: string;
  subject: string;
  issuer: string;
  validTo: string;
  /** chain trusted (system CAs or the CA file) and valid for the URL's host name */
  authorized: boolean;
  authorizationError?: string;
  /** leaf first, then each issuer the chain names */
  chainFingerprints: string[];
}

/** Connects, reads the peer certificate, sends nothing (not a byte of HTTP), closes. */
export async function probeCertificate(
  url: string,
  opts: { caFile?: string; timeoutMs?: number } = {},
): Promise<PeerCertificateInfo> {
  const target = httpsTarget(url);
  const ca = opts.caFile ? readCaFile(opts.caFile) : undefined;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: target.host,
      port: target.port,
      servername: isIP(target.host) ? undefined : target.host,
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
      ...(ca ? { ca } : {}),
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new NetworkError(`cannot connect to ${target.origin}: connection timed out after ${timeoutMs / 1000} s`));
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const info = describePeer(socket, target.host);
      socket.destroy();
      resolve(info);
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(toNetworkError(target.origin, err) ?? err);
    });
  });
}

export function describePeer(socket: TLSSocket, host: string): PeerCertificateInfo {
  const leaf = socket.getPeerCertificate(true);
  const chain = peerChain(leaf);
  let authorizationError = socket.authorized ? undefined : String(socket.authorizationError);
  const identityError: NodeJS.ErrnoException | undefined = leaf.raw ? checkServerIdentity(host, leaf) : undefined;
  if (!authorizationError && identityError) authorizationError = identityError.code ?? identityError.message;
  return {
    fingerprint: leaf.fingerprint256 ?? '',
    subject: distinguishedName(leaf.subject),
    issuer: distinguishedName(leaf.issuer),
    validTo: leaf.valid_to ?? '',
    authorized: authorizationError === undefined,
    ...(authorizationError ? { authorizationError } : {}),
    chainFingerprints: chain.map((c) => c.fingerprint256),
  };
}

/** The PEM bundle, checked to hold certificates (Node would silently ignore anything else). */
export function readCaFile(file: string): string {
  let pem: string;
  try {
    pem = readFileBoundedSync(file, 4 * MiB, `CA file ${file}`); // a CA bundle is a few hundred KiB
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`cannot read CA file ${file}: ${(err as Error).message}`, { cause: err });
  }
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  try {
    for (const block of blocks) new X509Certificate(block);
  } catch (err) {
    throw new UsageError(`CA file ${file} holds a damaged certificate: ${(err as Error).message}`, { cause: err });
  }
  if (blocks.length === 0)
    throw new UsageError(`CA file ${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  return pem;
}

function httpsTarget(url: string): { host: string; port: number; origin: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UsageError(`invalid URL "${url}"`);
  }
  if (u.protocol !== 'https:') throw new UsageError(`${url} is not an https:// URL`);
  return { host: u.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(u.port || 443), origin: u.origin };
}

function distinguishedName(dn: object | undefined): string {
  return Object.entries(dn ?? {})
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`)
    .join(', ');
}
