// The decision whether a freshly connected TLS socket may carry a request, per region trust.
// Sockets are opened with rejectUnauthorized:false (Node would then ignore host name errors), so
// every rule, host name included, is checked here before the first byte of HTTP is written: by the
// API calls' Agent (trusting-agent.ts) and by the console's undici Agent (console-agent.ts) alike.
import { checkServerIdentity, type TLSSocket } from 'node:tls';
import type { Region } from '../config/types.js';
import { TlsError } from '../errors.js';
import { chainMatchesPin, peerChain } from './cert-chain.js';
import { normalizeFingerprint, readCaFile } from './tls.js';

/** Precedence when several are set: insecure > pinned fingerprint > CA file > system CAs. */
export type TrustPolicy =
  { kind: 'insecure' } | { kind: 'pin'; pin: string } | { kind: 'ca'; caFile: string; ca: string } | { kind: 'system' };

export function trustPolicyOf(region: Region): TrustPolicy {
  if (region.insecure) return { kind: 'insecure' };
  if (region.fingerprint) return { kind: 'pin', pin: normalizeFingerprint(region.fingerprint) };
  if (region.caFile) return { kind: 'ca', caFile: region.caFile, ca: readCaFile(region.caFile) };
  return { kind: 'system' };
}

/** null when the socket may be used; otherwise the error to report (the socket must be dropped). */
export function checkTrust(
  policy: TrustPolicy,
  socket: TLSSocket,
  host: string,
  origin: string,
  region: Region,
): TlsError | null {
  if (policy.kind === 'insecure') return null;
  const leaf = socket.getPeerCertificate(true);
  const presented = leaf?.fingerprint256 ?? '(no certificate)';
  if (policy.kind === 'pin') {
    if (chainMatchesPin(peerChain(leaf), policy.pin)) return null;
    return new TlsError(
      `TLS certificate of ${origin} is not trusted: certificate fingerprint ${presented} does not match the ` +
        `pinned ${policy.pin}. ` +
        'Someone may be intercepting the connection; nothing was sent.',
      presented,
      { hint: pinMismatchHint(region, presented) },
    );
  }
  const against = policy.kind === 'ca' ? `CA file ${policy.caFile}` : 'the system CAs';
  const identityError: NodeJS.ErrnoException | undefined = leaf?.raw
    ? checkServerIdentity(host, leaf)
    : new Error('no certificate');
  const chainError = socket.authorized ? undefined : String(socket.authorizationError);
  // Node reports a host name mismatch on an otherwise valid chain as this code.
  if (chainError && chainError !== identityError?.code) {
    return new TlsError(
      `TLS certificate of ${origin} is not trusted (${describeVerifyError(chainError)}; checked against ${against}). ` +
        `Its SHA-256 fingerprint is ${presented}.`,
      presented,
      { hint: untrustedHint(region, presented) },
    );
  }
  if (identityError) {
    return new TlsError(
      `TLS certificate of ${origin} is not trusted: it is not valid for the host name "${host}" ` +
        `(${identityError.message}). Its SHA-256 fingerprint is ${presented}.`,
      presented,
      { hint: `Use a host name the certificate covers in the region URL. ${untrustedHint(region, presented)}` },
    );
  }
  return null;
}

/** checkTrust for a connector: a check that itself fails (an unreadable chain) refuses the socket too. */
export function trustRejection(
  policy: TrustPolicy,
  socket: TLSSocket,
  host: string,
  origin: string,
  region: Region,
): Error | null {
  try {
    return checkTrust(policy, socket, host, origin, region);
  } catch (e) {
    return e as Error;
  }
}

// The messages above carry the fingerprint (main.ts then prints no second line for it); the hints
// repeat it only inside commands to copy. A configured region takes its trust from the config alone
// (the contract: PVECTL_FINGERPRINT, PVECTL_CA_FILE and PVECTL_INSECURE are ignored for it), so its
// hints name what works for it: the flags for one call, or re-adding the region to keep the pin.
function untrustedHint(region: Region, fp: string): string {
  const check = "If this is your cluster's certificate (compare with `pvenode cert info` on the node), trust it: ";
  const caFile = 'the cluster CA is /etc/pve/pve-root-ca.pem on a node';
  if (isEnvRegion(region)) {
    // "env" is defined by PVECTL_URL and cannot be added or removed: its trust comes from the environment
    return (
      `${check}PVECTL_FINGERPRINT=${fp}; or trust its CA with PVECTL_CA_FILE=FILE (${caFile}); ` +
      'or skip verification with PVECTL_INSECURE=1, which is not protected against interception.'
    );
  }
  return (
    `${check}${repinCommand(region, fp)} (or --fingerprint ${fp} for one call); or trust its CA with ` +
    `--ca-file FILE (${caFile}); or skip verification with --insecure, which is not protected against interception.`
  );
}

function pinMismatchHint(region: Region, fp: string): string {
  const pin = isEnvRegion(region)
    ? `set PVECTL_FINGERPRINT=${fp}`
    : `${repinCommand(region, fp)} (or --fingerprint ${fp} for one call)`;
  return (
    'If the certificate was renewed, check the new fingerprint on the node (`pvenode cert info`) ' +
    `and only then pin it: ${pin}.`
  );
}

/** The region of PVECTL_URL (config/layers.ts envRegion): "env" is a reserved region name. */
function isEnvRegion(region: Region): boolean {
  return region.name === 'env';
}

/** There is no "region edit": a configured region is re-added with the new pin. */
function repinCommand(region: Region, fp: string): string {
  return (
    `pvectl region remove ${region.name} && ` +
    `pvectl region add ${region.name} --url ${region.url} --token-id '${region.tokenId}' --fingerprint ${fp}`
  );
}

const VERIFY_ERRORS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'signed by a CA that is not trusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'signed by a CA that is not trusted',
  UNABLE_TO_GET_ISSUER_CERT: 'signed by a CA that is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'signed by a CA that is not trusted',
  CERT_SIGNATURE_FAILURE: 'bad signature',
  CERT_HAS_EXPIRED: 'certificate expired',
  CERT_NOT_YET_VALID: 'certificate not yet valid',
  CERT_REVOKED: 'certificate revoked',
};

function describeVerifyError(code: string): string {
  const words = VERIFY_ERRORS[code];
  return words ? `${words}: ${code}` : code;
}
