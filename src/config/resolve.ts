// Which region(s) a call talks to, and with which credentials and trust. Highest first:
//  `--region NAME` > PVECTL_REGION > the environment region > the config file's current region.
//  - `--region` / PVECTL_REGION name configured regions ("a,b" or "all" fan out);
//  - with no name, PVECTL_URL + PVECTL_TOKEN (and their trust variables) define the region "env"
//    (the file is not read, so CI needs no config file at all); half of that pair is an error;
//  - otherwise the file's current region is used.
// A configured region takes its URL, token and trust from the file alone, the environment region
// from the environment alone: a URL is never paired with a token or trust from another source,
// so no stored secret is sent to a URL that was not stored with it. Only --fingerprint,
// --ca-file and --insecure apply to whichever region was chosen.
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
  /** told which environment variables a configured region ignores */
  warn?: (message: string) => void;
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
    // half the pair would borrow the other half from the file: a URL with a stored token
    if (env.url || env.tokenId) throw halfEnvironment(env);
    const store = input.store ?? (await openStore(input.env, { warn: input.warn, readOnly: true }));
    const current = store.current();
    if (!current) throw noRegion(store);
    const region = store.get(current);
    if (!region) {
      throw new UsageError(`The current region "${current}" (in ${store.path}) is not configured.`, {
        hint: `${knownRegionsHint(store.list().map((r) => r.name))} Pick one with 'pvectl region use NAME'.`,
      });
    }
    warnIgnored(input, env, `the current region "${current}"`);
    return [withLayers(region, flags)];
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
  const store = input.store ?? (await openStore(input.env, { warn: input.warn, readOnly: true }));
  const configured = store.list();
  let regions: Region[];
  if (names.includes('all')) {
    if (configured.length === 0) throw noRegion(store);
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
  if (regions.length > 1) refuseSingleRegionOverrides(flags);
  warnIgnored(input, env, `${regions.length > 1 ? 'regions' : 'region'} "${name.value}" (from ${name.source})`);
  return regions.map((r) => withLayers(r, flags));
}

function selection(input: ResolveInput): { value: string; source: string } | undefined {
  if (input.flag !== undefined) return { value: input.flag.trim(), source: '--region' };
  // an empty variable counts as unset, as CI templates often leave them
  const fromEnv = input.env.PVECTL_REGION?.trim();
  return fromEnv ? { value: fromEnv, source: 'PVECTL_REGION' } : undefined;
}

/** A pin belongs to one cluster: applied to several it would be wrong for all but one. */
function refuseSingleRegionOverrides(flags: Layer): void {
  if (flags.trust.fingerprint) {
    throw new UsageError('--fingerprint applies to one cluster and cannot be used with several regions', {
      hint: 'Pick one region with --region NAME, or leave --fingerprint out.',
    });
  }
}

/** A configured region uses none of the environment region's variables: say so, once a call. */
function warnIgnored(input: ResolveInput, env: Layer, what: string): void {
  const ignored = [
    env.url && 'PVECTL_URL',
    env.tokenId && 'PVECTL_TOKEN',
    env.trust.fingerprint && 'PVECTL_FINGERPRINT',
    env.trust.caFile && 'PVECTL_CA_FILE',
    env.trust.insecure && 'PVECTL_INSECURE',
  ].filter(Boolean);
  if (ignored.length === 0) return;
  input.warn?.(
    `${ignored.join(', ')} ${ignored.length > 1 ? 'are' : 'is'} ignored: ${what} comes from the config file, ` +
      'with its own URL, token and TLS trust (--fingerprint, --ca-file or --insecure change its trust).',
  );
}

function halfEnvironment(env: Layer): UsageError {
  const unsetIt = '(a URL and a token are only used together with their own pair)';
  if (env.url) {
    return new UsageError('PVECTL_URL is set but PVECTL_TOKEN is not.', {
      hint:
        'Set PVECTL_TOKEN=user@realm!tokenname=secret as well, ' +
        `or unset PVECTL_URL to use a configured region ${unsetIt}.`,
    });
  }
  return new UsageError('PVECTL_TOKEN is set but PVECTL_URL is not.', {
    hint: `Set PVECTL_URL=https://HOST:8006 as well, or unset PVECTL_TOKEN to use a configured region ${unsetIt}.`,
  });
}

function noRegion(store: RegionStore): UsageError {
  const names = store.list().map((r) => r.name);
  if (names.length > 0) {
    return new UsageError('No region selected: there is no current region.', {
      hint: `${knownRegionsHint(names)} Pick one with 'pvectl region use NAME' or --region NAME.`,
    });
  }
  return new UsageError(`No region is configured (config file: ${store.path}).`, { hint: ADD_HINT });
}
