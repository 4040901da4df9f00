// `region add` flags → a validated region spec. Every check here runs before any I/O but the
// CA file read, and each error names its flag.
import { resolve } from 'node:path';
import { readCaFile } from '../../api/tls.js';
import type { GlobalOptions } from '../../context.js';
import { UsageError } from '../../errors.js';
import { parseDuration } from '../../lib/durations.js';
import type { RegionEntry } from '../../config/store.js';
import type { IpPool, RegionDefaults } from '../../config/types.js';
import {
  RESERVED_REGION_NAMES,
  parseFingerprint,
  parseRegionName,
  parseRegionUrl,
  parseTokenId,
} from '../../config/values.js';
import { parseIpPool, parseVmidRange } from './pool-options.js';

export interface AddOptions {
  name: string;
  /** required; optional here only because commander's options object is untyped */
  url?: string;
  tokenId?: string;
  tokenSecretStdin?: boolean;
  node?: string;
  storage?: string;
  bridge?: string;
  pool?: string;
  domain?: string;
  ipPool?: string;
  gateway?: string;
  ipRange?: string;
  dns?: string;
  vmidRange?: string;
  /** durations as --timeout takes them: 5s, 2m */
  connectTimeout?: string;
  requestTimeout?: string;
  use?: boolean;
  /** false with --no-verify */
  verify?: boolean;
}

/** At most one of these; none means: probe the certificate and ask (trust on first use). */
export type TrustChoice = { fingerprint: string } | { caFile: string } | { insecure: true } | null;

export interface AddSpec {
  name: string;
  url: string;
  tokenId: string;
  trust: TrustChoice;
  /** the rest of the entry: defaults, domain, IP pool, VMID range, timeouts */
  extras: Omit<RegionEntry, 'url' | 'tokenId' | 'tokenSecret' | 'fingerprint' | 'caFile' | 'insecure'>;
}

type TrustFlags = Pick<GlobalOptions, 'fingerprint' | 'caFile' | 'insecure'>;

export function parseAddOptions(opts: AddOptions, trustFlags: TrustFlags): AddSpec {
  const name = parseRegionName(opts.name, 'region name');
  if (RESERVED_REGION_NAMES.includes(name)) {
    throw new UsageError(`region name "${name}" is reserved (--region ${name} means something else); choose another`);
  }
  const extras: AddSpec['extras'] = {};
  const defaults = parseDefaults(opts);
  if (Object.keys(defaults).length > 0) extras.defaults = defaults;
  if (opts.domain !== undefined) extras.domain = parseDomain(opts.domain);
  const ipPool: IpPool | undefined = parseIpPool(opts);
  if (ipPool) extras.ipPool = ipPool;
  if (opts.vmidRange !== undefined) extras.vmidRange = parseVmidRange(opts.vmidRange);
  if (opts.connectTimeout !== undefined)
    extras.connectTimeoutMs = parseTimeout(opts.connectTimeout, '--connect-timeout');
  if (opts.requestTimeout !== undefined)
    extras.requestTimeoutMs = parseTimeout(opts.requestTimeout, '--request-timeout');
  if (opts.url === undefined) throw new UsageError('--url URL is required, e.g. --url https://pve1.example.net:8006');
  if (opts.tokenId === undefined) throw new UsageError('--token-id ID is required, e.g. --token-id root@pam!pvectl');
  return {
    name,
    url: parseRegionUrl(opts.url, '--url'),
    tokenId: parseTokenId(opts.tokenId, '--token-id'),
    trust: parseTrust(trustFlags),
    extras,
  };
}

function parseTrust(flags: TrustFlags): TrustChoice {
  const given = [
    flags.fingerprint !== undefined && '--fingerprint',
    flags.caFile !== undefined && '--ca-file',
    flags.insecure === true && '--insecure',
  ].filter(Boolean);
  if (given.length > 1) {
    throw new UsageError(`${given.join(' and ')} exclude each other: a region trusts a pin, a CA file, or nothing`);
  }
  if (flags.fingerprint !== undefined) return { fingerprint: parseFingerprint(flags.fingerprint, '--fingerprint') };
  if (flags.caFile !== undefined) {
    const caFile = resolve(flags.caFile);
    readCaFile(caFile); // a missing or certificate-less file is refused now, not on first use
    return { caFile };
  }
  return flags.insecure ? { insecure: true } : null;
}

function parseTimeout(value: string, flag: string): number {
  return parseDuration(value, flag, '5s or 2m'); // at least 1 ms, at most what a timer can wait
}

// Proxmox ids for nodes, storages, bridges and pools: letters, digits, ".", "-", "_".
const OBJECT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function parseDefaults(opts: AddOptions): RegionDefaults {
  const out: RegionDefaults = {};
  for (const key of ['node', 'storage', 'bridge', 'pool'] as const) {
    const value = opts[key];
    if (value === undefined) continue;
    if (!OBJECT_ID.test(value)) {
      throw new UsageError(`--${key} "${value}" is not a valid ${key} name (letters, digits, ".", "-", "_")`);
    }
    out[key] = value;
  }
  return out;
}

const DOMAIN = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

function parseDomain(value: string): string {
  const domain = value
    .trim()
    .toLowerCase()
    .replace(/^\.+|\.+$/g, '');
  if (!DOMAIN.test(domain)) throw new UsageError(`--domain "${value}" is not a DNS domain, e.g. lab.example.net`);
  return domain;
}
