// `region set NAME` flags → the region's new config entry. The flags are region add's, checked by
// the same code (parseAddOptions, with the stored URL and token id standing in for those not
// given); only the fields named change. Pool flags without --ip-pool amend the stored pool.
import type { GlobalOptions } from '../../context.js';
import { UsageError } from '../../errors.js';
import type { RegionEntry } from '../../config/store.js';
import type { Region } from '../../config/types.js';
import { parseAddOptions, type AddOptions, type TrustChoice } from './add-options.js';
import { MASK } from './view.js';

export interface SetOptions extends Omit<AddOptions, 'use'> {
  /** probe the server's certificate and pin it again (shows old and new, asks) */
  repin?: boolean;
}

export interface SetPlan {
  entry: RegionEntry;
  /** trust asked for by flag; null: unchanged (or --repin, decided by the probe) */
  trust: TrustChoice;
}

type TrustFlags = Pick<GlobalOptions, 'fingerprint' | 'caFile' | 'insecure'>;

const FIELDS = [
  'url',
  'tokenId',
  'node',
  'storage',
  'bridge',
  'pool',
  'domain',
  'ipPool',
  'gateway',
  'ipRange',
  'dns',
  'vmidRange',
  'connectTimeout',
  'requestTimeout',
] as const;

export function planSet(region: Region, opts: SetOptions, flags: TrustFlags): SetPlan {
  const trustGiven = flags.fingerprint !== undefined || flags.caFile !== undefined || flags.insecure === true;
  const named = FIELDS.filter((f) => opts[f] !== undefined);
  if (named.length === 0 && !trustGiven && !opts.repin && !opts.tokenSecretStdin) {
    throw new UsageError(`say what to change in region "${region.name}": e.g. --pool P, --ip-pool CIDR --gateway IP`, {
      hint: `The fields and their flags: pvectl region set --help; the values: pvectl region show ${region.name}`,
    });
  }
  if (opts.repin && trustGiven)
    throw new UsageError('--repin probes the certificate; it excludes --fingerprint, --ca-file and --insecure');
  const spec = parseAddOptions(
    {
      ...opts,
      ...amendedPool(region, opts),
      name: region.name,
      url: opts.url ?? region.url,
      tokenId: opts.tokenId ?? region.tokenId,
    },
    flags,
  );
  const { name: _name, ...old } = region;
  const entry: RegionEntry = { ...old, url: spec.url, tokenId: spec.tokenId };
  const defaults = { ...region.defaults, ...spec.extras.defaults };
  entry.defaults = defaults;
  for (const key of ['domain', 'ipPool', 'vmidRange', 'connectTimeoutMs', 'requestTimeoutMs'] as const) {
    if (spec.extras[key] !== undefined) Object.assign(entry, { [key]: spec.extras[key] });
  }
  return { entry, trust: spec.trust };
}

/** --gateway, --ip-range or --dns alone change the stored pool; --ip-pool replaces it. */
function amendedPool(region: Region, opts: SetOptions): Partial<SetOptions> {
  const pool = region.ipPool;
  if (opts.ipPool !== undefined || !pool) return {};
  if (opts.gateway === undefined && opts.ipRange === undefined && opts.dns === undefined) return {};
  return {
    ipPool: pool.cidr,
    gateway: opts.gateway ?? pool.gateway,
    ipRange: opts.ipRange ?? (pool.start && pool.end ? `${pool.start}-${pool.end}` : undefined),
    dns: opts.dns ?? pool.dns?.join(','),
  };
}

/** "field: old -> new" for every field that differs; the secret masked. */
export function changeLines(before: RegionEntry, after: RegionEntry): string[] {
  const flat = (e: RegionEntry): Record<string, unknown> => {
    const { defaults, tokenSecret, ...rest } = e;
    const out: Record<string, unknown> = { ...rest, tokenSecret: tokenSecret ? MASK : undefined };
    for (const [k, v] of Object.entries(defaults ?? {})) out[`defaults.${k}`] = v;
    return out;
  };
  const a = flat(before);
  const b = flat(after);
  const show = (v: unknown) => (v === undefined ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v));
  const lines: string[] = [];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (key === 'tokenSecret' && before.tokenSecret !== after.tokenSecret)
      lines.push(`tokenSecret: ${MASK} -> ${MASK} (new)`);
    else if (JSON.stringify(a[key]) !== JSON.stringify(b[key]))
      lines.push(`${key}: ${show(a[key])} -> ${show(b[key])}`);
  }
  return lines;
}

/** `now` with what differs between `before` and `after` (top-level fields, defaults one by one). */
export function applyChanges(now: RegionEntry, before: RegionEntry, after: RegionEntry): RegionEntry {
  const out: Record<string, unknown> = { ...now };
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (key === 'defaults' || JSON.stringify(a[key]) === JSON.stringify(b[key])) continue;
    if (b[key] === undefined) delete out[key];
    else out[key] = b[key];
  }
  const defaults: Record<string, unknown> = { ...now.defaults };
  for (const [key, value] of Object.entries(after.defaults ?? {})) {
    if (before.defaults?.[key as keyof typeof before.defaults] !== value) defaults[key] = value;
  }
  return { ...(out as RegionEntry), defaults };
}
