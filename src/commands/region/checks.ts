// The checks of `region test`: reachability and TLS (by a handshake that sends nothing), then the
// token, the version, quorum and privileges through the region's client.
import type { PveClient } from '../../api/client.js';
import { probeCertificate, normalizeFingerprint } from '../../api/tls.js';
import type { Clock } from '../../context.js';
import type { Region } from '../../config/types.js';
import { AuthError, NetworkError, PvectlError, TlsError } from '../../errors.js';
import { num, str } from '../../lib/values.js';
import { getClusterStatus, getVersion } from '../../api/cluster.js';

export type Status = 'ok' | 'warn' | 'FAIL' | 'skip';
/** what a failure means for the exit status */
export type FailureKind = 'auth' | 'tls' | 'other';

export interface Check {
  check: string;
  status: Status;
  detail: string;
  fix?: string;
  kind?: FailureKind;
  fingerprint?: string;
}

const DAY_MS = 86_400_000;

export async function connectionChecks(region: Region, clock: Clock): Promise<Check[]> {
  const started = clock.now();
  let cert;
  try {
    cert = await probeCertificate(region.url, { caFile: region.caFile, timeoutMs: region.connectTimeoutMs ?? 10_000 });
  } catch (err) {
    if (err instanceof NetworkError || !(err instanceof PvectlError)) {
      return [
        {
          check: 'reachable',
          status: 'FAIL',
          kind: 'other',
          detail: message(err),
          fix:
            `Check the URL (${region.url}), that the node is up and that port ` +
            `${new URL(region.url).port || 443} is open from here.`,
        },
      ];
    }
    return [{ check: 'TLS', status: 'FAIL', kind: 'tls', detail: message(err) }];
  }
  const reach: Check = {
    check: 'reachable',
    status: 'ok',
    detail: `${new URL(region.url).host} (TLS handshake in ${clock.now() - started} ms)`,
  };
  const fp = cert.fingerprint;
  const expiresIn = Date.parse(cert.validTo) - clock.now();
  const expiry = Number.isNaN(expiresIn)
    ? ''
    : expiresIn < 0
      ? '; certificate EXPIRED'
      : `; expires in ${Math.floor(expiresIn / DAY_MS)} days`;
  const soon = !Number.isNaN(expiresIn) && expiresIn < 14 * DAY_MS;
  const repin = `After checking it on the node (\`pvenode cert info\`): ${repinCommand(region, fp)}`;

  let tls: Check;
  if (region.insecure) {
    tls = {
      check: 'TLS',
      status: 'warn',
      detail: `NOT verified (insecure); server certificate SHA-256 ${fp}`,
      fix: repin,
    };
  } else if (region.fingerprint) {
    const pin = normalizeFingerprint(region.fingerprint);
    tls = cert.chainFingerprints.includes(pin)
      ? { check: 'TLS', status: soon ? 'warn' : 'ok', detail: `pinned certificate matches${expiry}` }
      : {
          check: 'TLS',
          status: 'FAIL',
          kind: 'tls',
          fingerprint: fp,
          detail: `server certificate ${fp} does not match the pin ${pin}`,
          fix: `If the certificate was renewed: ${repin}`,
        };
  } else {
    const against = region.caFile ? `CA file ${region.caFile}` : "the system's CAs";
    tls = cert.authorized
      ? { check: 'TLS', status: soon ? 'warn' : 'ok', detail: `verified against ${against}${expiry}` }
      : {
          check: 'TLS',
          status: 'FAIL',
          kind: 'tls',
          fingerprint: fp,
          detail: `not trusted by ${against} (${cert.authorizationError ?? 'untrusted'}); SHA-256 ${fp}`,
          fix: repin,
        };
  }
  return [reach, tls];
}

/** "env" (PVECTL_URL) is reserved: it cannot be removed or added, its trust comes from the environment. */
function repinCommand(region: Region, fp: string): string {
  if (region.name === 'env') {
    return `PVECTL_FINGERPRINT=${fp}${region.insecure ? ' (instead of PVECTL_INSECURE=1 / --insecure)' : ''}`;
  }
  return (
    `pvectl region remove ${region.name} && pvectl region add ${region.name} --url ${region.url} --token-id ` +
    `'${region.tokenId}' --fingerprint ${fp}`
  );
}

/** The token (GET /version); then, if it works, quorum and privileges are worth asking. */
export async function tokenChecks(
  client: PveClient,
  region: Region,
  tokenFromEnv: boolean,
): Promise<{ checks: Check[]; ok: boolean }> {
  try {
    const v = await getVersion(client);
    const version = str(v?.version) ?? 'unknown';
    const major = num(version.split('.')[0]);
    const versionCheck: Check =
      major !== undefined && major < 8
        ? { check: 'PVE version', status: 'warn', detail: `${version}: pvectl is made for Proxmox VE 8 and 9` }
        : { check: 'PVE version', status: 'ok', detail: version };
    return {
      checks: [{ check: 'token', status: 'ok', detail: `authenticated as ${region.tokenId}` }, versionCheck],
      ok: true,
    };
  } catch (err) {
    const kind: FailureKind = err instanceof AuthError ? 'auth' : err instanceof TlsError ? 'tls' : 'other';
    const where = tokenFromEnv ? 'fix PVECTL_TOKEN' : `add region "${region.name}" again with the right secret`;
    const fix =
      kind === 'auth'
        ? `Check the token id and secret, and that the token exists and has not expired (\`pveum user token ` +
          `list ${region.tokenId.split('!')[0]}\` on a node); then ${where}.`
        : undefined;
    const fp = err instanceof TlsError ? err.fingerprint : undefined;
    return {
      checks: [
        {
          check: kind === 'tls' ? 'TLS' : 'token',
          status: 'FAIL',
          kind,
          detail: message(err),
          ...(fix ? { fix } : {}),
          ...(fp ? { fingerprint: fp } : {}),
        },
      ],
      ok: false,
    };
  }
}

export async function quorumCheck(client: PveClient): Promise<Check> {
  let entries: Array<Record<string, unknown>>;
  try {
    entries = await getClusterStatus(client);
  } catch (err) {
    if (err instanceof AuthError)
      return { check: 'quorum', status: 'skip', detail: 'not permitted (needs Sys.Audit on /)' };
    return { check: 'quorum', status: 'warn', detail: message(err) };
  }
  const nodes = entries.filter((e) => e.type === 'node');
  const online = nodes.filter((n) => num(n.online) === 1).length;
  const cluster = entries.find((e) => e.type === 'cluster');
  if (!cluster) return { check: 'quorum', status: 'ok', detail: 'standalone node (no cluster)' };
  const summary = `cluster "${str(cluster.name) ?? '?'}": ${online} of ${nodes.length} nodes online`;
  if (num(cluster.quorate) !== 1) {
    return {
      check: 'quorum',
      status: 'FAIL',
      kind: 'other',
      detail: `${summary}, NOT quorate: changes are refused`,
      fix: 'Check the cluster on a node with `pvecm status`.',
    };
  }
  return { check: 'quorum', status: online < nodes.length ? 'warn' : 'ok', detail: `${summary}, quorate` };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
