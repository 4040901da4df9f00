// The regions store: config.json through conf (atomic writes, mode 0600), checked against schema.ts
// by our own validate.ts, not by conf's ajv (compiling the schema cost ~100 ms CPU at each start).
// A file that does not parse or match the schema is an error naming the file; it is never
// cleared or overwritten. conf is imported lazily so that --help never loads it.
// Every change is read-modify-write under a cross-process lock (parallel `region add` runs
// each keep their region); conf's writes go through a symlink to its target.
import type Conf from 'conf';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NotFoundError } from '../errors.js';
import { configError, parseConfigJson } from './config-error.js';
import { configDir, ensureConfigDir, lockPathOf, refuseDanglingLink, tightenMode } from './config-file.js';
import { withFileLock, type LockOptions } from './lock.js';
import { configSchema } from './schema.js';
import type { Region, RegionDefaults } from './types.js';
import { assertValidConfig, type SchemaNode } from './validate.js';

/** The whole file, as conf wrapped its `schema` option: an object with these properties. */
const fileSchema: SchemaNode = { type: 'object', properties: configSchema };

/** conf's `deserialize`: what does not parse or match the schema throws as conf's own check did. */
function parseAndCheck(text: string): ConfigData {
  const data = parseConfigJson(text);
  assertValidConfig(fileSchema, data);
  return data;
}

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
  /**
   * Reads the file under the lock, lets `change` edit the data, writes it back when it changed.
   * What `change` throws leaves the file as it was.
   */
  update<T>(change: (data: ConfigData) => T): T;
}

type Env = Record<string, string | undefined>;

export interface StoreOptions {
  /** told when the file's mode lets others read it (it is set back to 0600) */
  warn?: (message: string) => void;
  lock?: LockOptions;
  /** for a command that only reads: conf is not loaded, and a write is an internal error */
  readOnly?: boolean;
}

export async function openStore(env: Env, storeOptions: StoreOptions = {}): Promise<RegionStore> {
  const dir = configDir(env);
  // where conf puts it, given `cwd` and `configName`
  const path = join(dir, 'config.json');
  let file: ConfigFile;
  try {
    // before conf, whose own mkdir would leave the directory as wide as the umask allows
    ensureConfigDir(dir);
    file = storeOptions.readOnly ? readOnlyFile(path) : await confFile(dir);
  } catch (err) {
    throw configError(path, err);
  }
  tightenMode(file.path, storeOptions.warn ?? (() => {}));
  return new ConfStore(file, storeOptions.lock);
}

/** The file as the store sees it: conf, or (read-only) a plain read. */
interface ConfigFile {
  readonly path: string;
  read(): ConfigData;
  write(data: ConfigData): void;
}

async function confFile(dir: string): Promise<ConfigFile> {
  const { default: ConfClass } = await import('conf');
  const conf: Conf<ConfigData> = new ConfClass<ConfigData>({
    projectName: 'pvectl',
    projectSuffix: '',
    configName: 'config',
    cwd: dir,
    configFileMode: 0o600,
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
    deserialize: parseAndCheck,
  });
  return {
    path: conf.path,
    read: () => conf.store,
    write: (data) => {
      conf.store = data;
    },
  };
}

/**
 * What conf's read does (no file yet is an empty store), without conf: evaluating conf and the ajv
 * it imports cost every command that only reads its region ~10 ms CPU (bench/README.md).
 * The file is read and checked once, at open: a reading command asks for the current region's
 * name and then the region, and each of those used to read, parse and check the whole file again.
 * Each read parses that same text anew (microseconds), so what an update's `change` edits before
 * its write is refused never shows in a later read.
 */
function readOnlyFile(path: string): ConfigFile {
  let text: string | undefined;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (text !== undefined) parseAndCheck(text); // fail at open, as conf's constructor does
  return {
    path,
    read: () => (text === undefined ? {} : parseConfigJson(text)),
    write: () => {
      throw new Error(`internal error: ${path} was opened read-only`);
    },
  };
}

class ConfStore implements RegionStore {
  constructor(
    private readonly file: ConfigFile,
    private readonly lock: LockOptions | undefined,
  ) {}

  get path(): string {
    return this.file.path;
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
    this.update((data) => {
      data.regions = { ...data.regions, [name]: compactEntry(entry) };
    });
  }

  remove(name: string): boolean {
    return this.update((data) => {
      if (!data.regions || !Object.hasOwn(data.regions, name)) return false;
      delete data.regions[name];
      if (data.currentRegion === name) delete data.currentRegion;
      return true;
    });
  }

  current(): string | undefined {
    return this.read().currentRegion;
  }

  use(name: string): void {
    this.update((data) => {
      if (!data.regions || !Object.hasOwn(data.regions, name)) {
        throw new NotFoundError(`Region "${name}" is not configured.`, {
          hint: knownRegionsHint(Object.keys(data.regions ?? {})),
        });
      }
      data.currentRegion = name;
    });
  }

  update<T>(change: (data: ConfigData) => T): T {
    const path = this.file.path;
    return withFileLock(
      lockPathOf(path),
      () => {
        refuseDanglingLink(path);
        const data = this.read();
        const before = JSON.stringify(data);
        const result = change(data);
        if (JSON.stringify(data) !== before) this.write(data);
        return result;
      },
      this.lock,
    );
  }

  private read(): ConfigData {
    try {
      return this.file.read();
    } catch (err) {
      throw configError(this.file.path, err);
    }
  }

  private write(data: ConfigData): void {
    try {
      assertValidConfig(fileSchema, data);
      this.file.write(data);
    } catch (err) {
      throw configError(this.file.path, err, 'write');
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
export function compactEntry(entry: RegionEntry): RegionEntry {
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
