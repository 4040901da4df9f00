// The V8 code cache (bin/compile-cache.js, issue 13): kept in the user's cache directory, one per
// Node version, never in the install directory; a cache that fails, or holds entries for another
// bundle, is run past, never trusted.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/sim.js';

// plain CommonJS next to the launcher (bin/package.json), loaded as the launcher loads it
const { codeCacheDir } = createRequire(import.meta.url)('../../bin/compile-cache.js') as {
  codeCacheDir(env: Record<string, string>, version?: string, arch?: string): string | undefined;
};

function listAll(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'pvectl-codecache-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

describe('where the cache lives', () => {
  it('is under $XDG_CACHE_HOME, else ~/.cache, one directory per Node version and arch', () => {
    expect(codeCacheDir({ XDG_CACHE_HOME: '/x', HOME: '/h' }, 'v22.5.0', 'x64')).toBe('/x/pvectl/v8/v22.5.0-x64');
    expect(codeCacheDir({ HOME: '/h' }, 'v22.5.0', 'x64')).toBe('/h/.cache/pvectl/v8/v22.5.0-x64');
    // another Node never even looks at this one's entries
    expect(codeCacheDir({ HOME: '/h' }, 'v24.0.0', 'x64')).not.toBe(codeCacheDir({ HOME: '/h' }, 'v22.5.0', 'x64'));
    expect(codeCacheDir({})).toBeUndefined();
  });
});

describe('the installed binary', () => {
  /** A copy of the package (bin, dist) to run from, so that what it writes there can be seen. */
  function install(): string {
    const dir = join(tmp, 'install');
    cpSync(join(repoRoot, 'bin'), join(dir, 'bin'), { recursive: true });
    cpSync(join(repoRoot, 'dist'), join(dir, 'dist'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    return dir;
  }
  // a noun's help: the CommonJS bundle with our cache (root help and --version run dist/help.cjs uncached)
  const runIn = (dir: string, cache: string) =>
    spawnSync(process.execPath, [join(dir, 'bin', 'pvectl.js'), 'region', '--help'], {
      env: { PATH: process.env.PATH, HOME: join(tmp, 'home'), XDG_CACHE_HOME: cache },
      encoding: 'utf8',
    });

  it("a command writes the CommonJS bundle's entry once and reuses it; PVECTL_NO_CODE_CACHE=1 writes none", () => {
    const dir = install();
    const before = listAll(dir);
    const run = (cache: string, extra: Record<string, string> = {}) =>
      spawnSync(process.execPath, [join(dir, 'bin', 'pvectl.js'), 'region', 'list', '-o', 'json'], {
        env: { PATH: process.env.PATH, HOME: join(tmp, 'home'), XDG_CACHE_HOME: cache, ...extra },
        encoding: 'utf8',
      });
    const cache = join(tmp, 'cache');
    const own = codeCacheDir({ XDG_CACHE_HOME: cache })!;
    const first = run(cache);
    expect([first.status, first.stdout, first.stderr]).toEqual([0, '[]\n', '']);
    const entries = readdirSync(own);
    expect(entries).toEqual([expect.stringMatching(/^pvectl-[0-9a-f]{16}-[0-9a-f]{8}-[0-9a-f]{16}\.bin$/)]);
    const written = statSync(join(own, entries[0]!));
    const second = run(cache);
    expect([second.status, second.stdout, second.stderr]).toEqual([0, '[]\n', '']);
    // used as it was, not rewritten
    expect(readdirSync(own)).toEqual(entries);
    expect(statSync(join(own, entries[0]!)).mtimeMs).toBe(written.mtimeMs);
    expect(statSync(join(own, entries[0]!)).ino).toBe(written.ino);

    const off = run(join(tmp, 'cache-off'), { PVECTL_NO_CODE_CACHE: '1' });
    expect([off.status, off.stdout, off.stderr]).toEqual([0, '[]\n', '']);
    expect(listAll(join(tmp, 'cache-off'))).toEqual([]);
    expect(listAll(dir)).toEqual(before);
  });

  // A noun's help runs the CommonJS bundle with our cache (every Node); root help and --version run
  // dist/help.cjs, which is not cached, and the ESM entry (PVECTL_NO_CODE_CACHE=1 only) is not
  // handed to Node's compile cache either: Node's debug log (NODE_DEBUG_NATIVE=COMPILE_CACHE, 22.1+)
  // stays silent.
  it("a noun's help writes the bundle's entry once, then uses it; it says what the ESM entry says", () => {
    const dir = install();
    const before = listAll(dir);
    const cache = join(tmp, 'cache');
    const own = codeCacheDir({ XDG_CACHE_HOME: cache })!;
    const run = (args: string[], extra: Record<string, string> = {}) =>
      spawnSync(process.execPath, [join(dir, 'bin', 'pvectl.js'), ...args], {
        env: {
          PATH: process.env.PATH,
          HOME: join(tmp, 'home'),
          XDG_CACHE_HOME: cache,
          NODE_DEBUG_NATIVE: 'COMPILE_CACHE',
          ...extra,
        },
        encoding: 'utf8',
      });
    const version = run(['--version']);
    expect([version.status, version.stdout]).toEqual([0, '0.1.0\n']);
    expect(version.stderr).not.toMatch(/cache/i);
    expect(listAll(cache)).toEqual([]);

    const first = run(['vm', '--help']);
    expect(first.status).toBe(0);
    const entries = readdirSync(own);
    expect(entries).toEqual([expect.stringMatching(/^pvectl-[0-9a-f]{16}-[0-9a-f]{8}-[0-9a-f]{16}\.bin$/)]);
    const written = statSync(join(own, entries[0]!));
    const second = run(['vm', '--help']);
    expect(second).toMatchObject({ status: 0, stdout: first.stdout });
    expect(statSync(join(own, entries[0]!))).toMatchObject({ ino: written.ino, mtimeMs: written.mtimeMs });
    const esm = run(['vm', '--help'], { PVECTL_NO_CODE_CACHE: '1' });
    expect(esm).toMatchObject({ status: 0, stdout: first.stdout });
    expect(first.stdout).toContain('Usage: pvectl vm');
    expect(first.stderr + second.stderr + esm.stderr).not.toMatch(/compile cache|writing cache/i);
    expect(listAll(dir)).toEqual(before);
  });

  it('writes nothing into the install directory; a changed bundle and a garbage cache still run', () => {
    const dir = install();
    const cache = join(tmp, 'cache');
    const before = listAll(dir);
    const first = runIn(dir, cache);
    expect(first.status).toBe(0);
    expect(listAll(dir)).toEqual(before);
    // the bundle's compiled code is now in the user's cache (bin/code-cache.js, every Node)
    expect(listAll(cache).length > 0).toBe(true);

    // the bundle changes (an upgrade in place): the old entries do not match it and are not used
    // (a noun's help first asks dist/noun-of.cjs whether argv names a noun)
    for (const file of ['noun-of.cjs', 'pvectl.js', 'pvectl.cjs'])
      writeFileSync(join(dir, 'dist', file), '\n// changed\n', { flag: 'a' });
    // and entries that are not V8 data at all, where Node looks for them
    const own = codeCacheDir({ XDG_CACHE_HOME: cache })!;
    mkdirSync(own, { recursive: true });
    for (const f of listAll(own)) if (statSync(join(own, f)).isFile()) writeFileSync(join(own, f), 'garbage');
    const again = runIn(dir, cache);
    expect(again.status).toBe(0);
    expect(again.stdout).toBe(first.stdout);
    expect(listAll(dir)).toEqual(before);
  });
});
