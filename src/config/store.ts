// The regions store: config.json through conf (schema-checked, atomic writes, mode 0600).
// A file that does not parse or match the schema is an error naming the file; it is never
// cleared or overwritten. conf is imported lazily so that --help never loads it.
import type Conf from 'conf';
import { NotFoundError, PvectlError } from '../errors.js';
import { configError, parseConfigJson } from './config-error.js';
import { configSchema } from './schema.js';
import type { Region, RegionDefaults } from './types.js';

/** A region as stored: the name is its key in `regions`. */
export type RegionEntry = Omit<Region, 'name' | 'defaults'> & { defaults?: RegionDefaults };

export interface ConfigData extends Record<string, unknown> {
  currentRegion?: string;
  regions?: Record<string, RegionEntry>;
}

export interface RegionStore {
  /** absolute path of config.json */
  readonly path: string;
  /** every configured region, sorted by name */
  list(): Region[];
  get(name: string): Region | undefined;
  set(name: string, entry: RegionEntry): void;
  /** false when there was no such region */
  remove(name: string): boolean;
  /** the current region's name as written in the file (it may name a removed region) */
  current(): string | undefined;
  /** make `name` current; NotFoundError when it is not configured */
  use(name: string): void;
}

type Env = Record<string, string | undefined>;

export async function openStore(env: Env): Promise<RegionStore> {
  const { default: ConfClass } = await import('conf');
  const options = {
    projectName: 'pvectl',
    projectSuffix: '',
    configName: 'config',
    ...(env.PVECTL_CONFIG_DIR ? { cwd: env.PVECTL_CONFIG_DIR } : {}),
    configFileMode: 0o600,
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
  };
  let conf: Conf<ConfigData>;
  try {
    conf = new ConfClass<ConfigData>({ ...options, schema: configSchema, deserialize: parseConfigJson });
  } catch (err) {
    // conf knows the path only once built; a schema-less instance that cannot fail (and so
    // never writes: its store equals its defaults) tells it for the message.
    const path = new ConfClass<ConfigData>({ ...options, deserialize: () => ({}) }).path;
    throw configError(path, err);
  }
  return new ConfStore(conf);
}

class ConfStore implements RegionStore {
  constructor(private readonly conf: Conf<ConfigData>) {}

  get path(): string {
    return this.conf.path;
  }

  list(): Region[] {
    const regions = this.read().regions ?? {};
    return Object.keys(regions)
      .sort()
      .map((name) => toRegion(name, regions[name]!));
  }

  get(name: string): Region | undefined {
    const regions = this.read().regions ?? {};
    return Object.hasOwn(regions, name) ? toRegion(name, regions[name]!) : undefined;
  }

  set(name: string, entry: RegionEntry): void {
    const data = this.read();
    data.regions = { ...data.regions, [name]: compact(entry) };
    this.write(data);
  }

  remove(name: string): boolean {
    const data = this.read();
    if (!data.regions || !Object.hasOwn(data.regions, name)) return false;
    delete data.regions[name];
    if (data.currentRegion === name) delete data.currentRegion;
    this.write(data);
    return true;
  }

  current(): string | undefined {
    return this.read().currentRegion;
  }

  use(name: string): void {
    const data = this.read();
    if (!data.regions || !Object.hasOwn(data.regions, name)) {
      throw new NotFoundError(`Region "${name}" is not configured.`, {
        hint: knownRegionsHint(Object.keys(data.regions ?? {})),
      });
    }
    data.currentRegion = name;
    this.write(data);
  }

  private read(): ConfigData {
    try {
      return this.conf.store;
    } catch (err) {
      throw configError(this.conf.path, err);
    }
  }

  private write(data: ConfigData): void {
    try {
      this.conf.store = data;
    } catch (err) {
      throw configError(this.conf.path, err, 'write');
    }
  }
}

export function knownRegionsHint(names: string[]): string {
  return names.length > 0
    ? `Configured regions: ${[...names].sort().join(', ')}.`
    : "No region is configured yet: add one with 'pvectl region add NAME --url URL --token-id ID'.";
}

function toRegion(name: string, entry: RegionEntry): Region {
  return { ...entry, name, defaults: { ...entry.defaults } };
}

/** Drop unset fields: the schema refuses `undefined` and an empty `defaults` says nothing. */
function compact(entry: RegionEntry): RegionEntry {
  const out = Object.fromEntries(
    Object.entries(entry).filter(([, v]) => v !== undefined && v !== false),
  ) as RegionEntry;
  const defaults = Object.fromEntries(
    Object.entries(entry.defaults ?? {}).filter(([, v]) => v !== undefined && v !== ''),
  );
  if (Object.keys(defaults).length > 0) out.defaults = defaults;
  else delete out.defaults;
  return out;
}
