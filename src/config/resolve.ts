// Which region(s) a call talks to, and with which credentials and trust.
// Precedence, highest first: command-line flag > environment > config file's current region.
//  - `--region` / PVECTL_REGION name configured regions ("a,b" or "all" fan out);
//  - with no name, PVECTL_URL + PVECTL_TOKEN alone define the region "env" (the file is not read,
//    so CI needs no config file at all);
//  - otherwise the file's current region is used;
//  - PVECTL_URL, PVECTL_TOKEN and the trust variables override the chosen region's fields, and
//    --fingerprint / --ca-file / --insecure override those.
import { NotFoundError, UsageError } from '../errors.js';
import { envLayer, envRegion, flagTrust, withLayers, type Layer, type TrustOverrides } from './layers.js';
import { knownRegionsHint, openStore, type RegionStore } from './store.js';
import type { Region } from './types.js';

export type { TrustOverrides };

export interface ResolveInput {
  flag?: string;
  env: Record<string, string | undefined>;
  overrides: TrustOverrides;
  /** an already open store (tests, region commands); opened from env when needed otherwise */
  store?: RegionStore;
}

const ADD_HINT =
  "Add one with 'pvectl region add NAME --url https://HOST:8006 --token-id USER@REALM!TOKEN', " +
  'or set PVECTL_URL and PVECTL_TOKEN (user@realm!tokenname=secret).';

export async function resolveRegion(input: ResolveInput): Promise<Region> {
  const name = selection(input);
  if (name && (name.value === 'all' || name.value.includes(','))) {
    throw new UsageError(`${name.source} "${name.value}": this command works on one region; name one`);
  }
  const [region] = await resolveRegions(input);
  return region!;
}

export async function resolveRegions(input: ResolveInput): Promise<Region[]> {
  const env = envLayer(input.env);
  const flags: Layer = { trust: flagTrust(input.overrides) };
  const name = selection(input);

  if (!name) {
    if (env.url && env.tokenId) return [withLayers(envRegion(env), flags)];
    const store = input.store ?? (await openStore(input.env));
    const current = store.current();
    if (!current) throw noRegion(store, env);
    const region = store.get(current);
    if (!region) {
      throw new UsageError(`The current region "${current}" (in ${store.path}) is not configured.`, {
        hint: `${knownRegionsHint(store.list().map((r) => r.name))} Pick one with 'pvectl region use NAME'.`,
      });
    }
    return [withLayers(withLayers(region, env), flags)];
  }

  const names = [
    ...new Set(
      name.value
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean),
    ),
  ];
  if (names.length === 0) throw new UsageError(`${name.source} is empty: name a region, "a,b" or "all"`);
  if (names.length === 1 && names[0] === 'env' && env.url && env.tokenId) {
    return [withLayers(envRegion(env), flags)];
  }
  const store = input.store ?? (await openStore(input.env));
  const configured = store.list();
  let regions: Region[];
  if (names.includes('all')) {
    if (configured.length === 0) throw noRegion(store, env);
    regions = configured;
  } else {
    const unknown = names.filter((n) => !configured.some((r) => r.name === n));
    if (unknown.length > 0) {
      const what = unknown.map((n) => `"${n}"`).join(', ');
      // exit 3, as `region show|use|remove NAME` of an unknown name: the region named does not exist
      throw new NotFoundError(`Unknown region ${what} (from ${name.source}).`, {
        hint: `${knownRegionsHint(configured.map((r) => r.name))}`,
      });
    }
    regions = names.map((n) => configured.find((r) => r.name === n)!);
  }
  if (regions.length > 1) refuseSingleRegionOverrides(env, flags);
  return regions.map((r) => withLayers(withLayers(r, env), flags));
}

function selection(input: ResolveInput): { value: string; source: string } | undefined {
  if (input.flag !== undefined) return { value: input.flag.trim(), source: '--region' };
  // an empty variable counts as unset, as CI templates often leave them
  const fromEnv = input.env.PVECTL_REGION?.trim();
  return fromEnv ? { value: fromEnv, source: 'PVECTL_REGION' } : undefined;
}

/** A URL, token or pin belongs to one cluster: applied to several it would be wrong for all but one. */
function refuseSingleRegionOverrides(env: Layer, flags: Layer): void {
  const offending = [
    env.url && 'PVECTL_URL',
    env.tokenId && 'PVECTL_TOKEN',
    env.trust.fingerprint && 'PVECTL_FINGERPRINT',
    flags.trust.fingerprint && '--fingerprint',
  ].filter(Boolean);
  if (offending.length > 0) {
    throw new UsageError(`${offending.join(', ')} applies to one cluster and cannot be used with several regions`, {
      hint: 'Pick one region with --region NAME, or unset it.',
    });
  }
}

function noRegion(store: RegionStore, env: Layer): UsageError {
  if (env.url && !env.tokenId) {
    return new UsageError('PVECTL_URL is set but PVECTL_TOKEN is not.', {
      hint: 'Set PVECTL_TOKEN=user@realm!tokenname=secret as well, or pick a configured region with --region.',
    });
  }
  if (env.tokenId && !env.url) {
    return new UsageError('PVECTL_TOKEN is set but PVECTL_URL is not.', {
      hint: 'Set PVECTL_URL=https://HOST:8006 as well, or pick a configured region with --region.',
    });
  }
  const names = store.list().map((r) => r.name);
  if (names.length > 0) {
    return new UsageError('No region selected: there is no current region.', {
      hint: `${knownRegionsHint(names)} Pick one with 'pvectl region use NAME' or --region NAME.`,
    });
  }
  return new UsageError(`No region is configured (config file: ${store.path}).`, { hint: ADD_HINT });
}
