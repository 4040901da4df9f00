// A short cache of live completion values in the user's cache dir, so that pressing Tab again
// (or Tab on the next word) does not ask the cluster again. Only names and VMIDs are stored,
// never credentials; a file that is missing, unreadable or stale is simply not used.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** How long values stay fresh: long enough for a few Tabs in a row, short enough to see new guests. */
export const CACHE_TTL_MS = 20_000;

type Env = Record<string, string | undefined>;

/** $XDG_CACHE_HOME/pvectl, else ~/.cache/pvectl; undefined when neither is known (then no cache). */
export function cacheDir(env: Env): string | undefined {
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'pvectl');
  return env.HOME ? join(env.HOME, '.cache', 'pvectl') : undefined;
}

function file(dir: string, key: string): string {
  return join(dir, `completion-${createHash('sha256').update(key).digest('hex').slice(0, 24)}.json`);
}

export function readCache(env: Env, key: string, now: number): string[] | undefined {
  const dir = cacheDir(env);
  if (!dir) return undefined;
  try {
    const entry = JSON.parse(readFileSync(file(dir, key), 'utf8')) as { at?: unknown; values?: unknown };
    const age = now - Number(entry.at);
    // a file from the future (clock moved back) is as untrustworthy as an old one
    if (!(age >= 0 && age < CACHE_TTL_MS) || !Array.isArray(entry.values)) return undefined;
    return entry.values.filter((v): v is string => typeof v === 'string');
  } catch {
    return undefined;
  }
}

export function writeCache(env: Env, key: string, now: number, values: string[]): void {
  const dir = cacheDir(env);
  if (!dir) return;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const target = file(dir, key);
    // write then rename: a Tab in another terminal never reads half a file
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(tmp, JSON.stringify({ at: now, values }), { mode: 0o600 });
    renameSync(tmp, target);
  } catch {
    // a read-only or full disk only costs the next Tab a look-up
  }
}
