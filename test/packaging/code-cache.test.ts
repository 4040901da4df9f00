// The V8 code cache of the CommonJS bundle (bin/code-cache.js, issue 13), in-process on a small
// bundle: an entry is used only for the same build, file, V8 and flags; anything else (a changed
// bundle, another Node, a damaged file) is ignored and rewritten; a cache directory that cannot be
// written means no cache and nothing written; the install directory is never written.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/sim.js';

interface CodeCache {
  runCached(
    file: string,
    opts?: Record<string, unknown>,
  ): {
    exports: Record<string, unknown>;
    cache: 'hit' | 'unwritten' | 'off';
    entry: string;
    save(): 'hit' | 'written' | 'miss' | 'rejected' | 'off';
  };
  entryName(source: Buffer, file: string, probe?: Buffer): string;
}
// plain CommonJS next to the launcher (bin/package.json), loaded as the launcher loads it
const require = createRequire(import.meta.url);
const { runCached, entryName } = require('../../bin/code-cache.js') as CodeCache;
const { HEADER_BYTES, KEEP } = require('../../bin/code-cache-file.js') as { HEADER_BYTES: number; KEEP: number };

// as the build writes it: Node's CommonJS wrapper around the code, the build's hash last
const BUNDLE = [
  '(function (exports, require, module, __filename, __dirname) {',
  "'use strict';",
  'function add(a, b) { return a + b; }',
  'exports.answer = add(40, 2);',
  'exports.where = __filename;',
  // compiled only when called: the command's own code, which the data made after the run holds
  `exports.later = function later(n) { let s = ''; for (let i = 0; i < n; i++) s += [i, i * 2].join(','); return s; };`,
  '})',
  '//# pvectl-build=0123456789abcdef',
  '',
].join('\n');

let tmp: string;
let bundle: string;
let env: Record<string, string>;
const ls = (dir: string) =>
  fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort() : [];
/** A run as the launcher makes it: the bundle, then the cache written once the command is done. */
function run(opts: Record<string, unknown> = {}) {
  const r = runCached(bundle, { env, ...opts });
  return { ...r, cache: r.save() };
}

/**
 * runCached in a new Node process (a V8 that has not compiled the bundle yet, with plain flags);
 * `during` is code run between the bundle and save(), as the command would be (`r` is the result).
 */
function runFresh(cacheHome: string, during = ''): { cache: string; answer: number; entry: string } {
  const script =
    `const r = require(${JSON.stringify(join(repoRoot, 'bin/code-cache.js'))}).runCached(process.argv[1], ` +
    `{ env: { XDG_CACHE_HOME: process.argv[2] } }); ${during}; console.log(JSON.stringify({ cache: ` +
    `r.save(), answer: r.exports.answer, entry: r.entry }));`;
  const res = spawnSync(process.execPath, ['-e', script, bundle, cacheHome], { encoding: 'utf8' });
  expect(res.stderr).toBe('');
  return JSON.parse(res.stdout) as { cache: string; answer: number; entry: string };
}

beforeEach(() => {
  tmp = fs.mkdtempSync(join(tmpdir(), 'pvectl-v8cache-'));
  fs.mkdirSync(join(tmp, 'install/dist'), { recursive: true });
  bundle = join(tmp, 'install/dist/pvectl.cjs');
  fs.writeFileSync(bundle, BUNDLE);
  env = { XDG_CACHE_HOME: join(tmp, 'cache') };
});
afterEach(() => {
  fs.chmodSync(tmp, 0o700);
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('a cache entry', () => {
  it('is written by the first run and used by the next; the install directory is not written', () => {
    const first = run();
    expect(first.cache).toBe('written');
    expect(first.exports).toEqual({ answer: 42, where: bundle, later: expect.any(Function) });
    expect(first.entry.startsWith(join(tmp, 'cache/pvectl/v8', `${process.version}-${process.arch}`))).toBe(true);
    expect(first.entry).toContain('pvectl-0123456789abcdef-');
    const written = fs.readFileSync(first.entry);
    const second = run();
    expect(second).toMatchObject({ cache: 'hit', entry: first.entry, exports: { answer: 42 } });
    expect(fs.readFileSync(first.entry)).toEqual(written);
    expect(ls(join(tmp, 'install'))).toEqual(['dist', 'dist/pvectl.cjs']);
  });

  it('made for a bundle that changed since is ignored and rewritten', () => {
    const { entry } = run();
    fs.writeFileSync(bundle, BUNDLE.replace('40, 2', '41, 2')); // same length: V8 alone would take it
    expect(fs.statSync(bundle).size).toBe(BUNDLE.length);
    const changed = run();
    expect(changed).toMatchObject({ cache: 'written', entry, exports: { answer: 43 } });
    expect(run()).toMatchObject({ cache: 'hit', exports: { answer: 43 } });
  });

  it('of another Node lives elsewhere; one that V8 refuses (another V8 version) is rewritten', () => {
    const ours = run().entry;
    const other = run({ version: 'v99.0.0' });
    expect(other.cache).toBe('written');
    expect(other.entry).toContain(`v99.0.0-${process.arch}`);
    expect(other.entry).not.toBe(ours);

    // an entry as another V8 would have made it: its version hash differs (checksum made to match).
    // Made and read in fresh processes: this one has the script in V8's in-memory cache (it would not
    // consult the data), and its flags (vitest's) may differ from a plain node's, and so the name.
    const home = join(tmp, 'fresh-cache');
    const fresh = runFresh(home);
    expect(fresh).toMatchObject({ cache: 'written', answer: 42 });
    const buf = fs.readFileSync(fresh.entry);
    // `>>> 0`: `^` gives a signed int32, negative for a hash with its top bit set (Node 24's V8)
    buf.writeUInt32LE((buf.readUInt32LE(HEADER_BYTES + 4) ^ 1) >>> 0, HEADER_BYTES + 4);
    buf.writeUInt32LE(crc32(buf.subarray(HEADER_BYTES)), 4);
    fs.writeFileSync(fresh.entry, buf);
    expect(runFresh(home)).toEqual({ ...fresh, cache: 'rejected' });
    expect(fs.readFileSync(fresh.entry)).not.toEqual(buf);
    expect(runFresh(home)).toEqual({ ...fresh, cache: 'hit' });
  });

  it('is named for V8 flags as V8 hashes them, and for the bundle file', () => {
    const probe = (flagHash: number) => {
      const b = Buffer.alloc(24);
      b.writeUInt32LE(0xabcdef01, 4);
      b.writeUInt32LE(flagHash, 12);
      return b;
    };
    const src = Buffer.from(BUNDLE);
    expect(entryName(src, '/a/pvectl.cjs', probe(1))).toBe(entryName(src, '/a/pvectl.cjs', probe(1)));
    expect(entryName(src, '/a/pvectl.cjs', probe(1))).not.toBe(entryName(src, '/a/pvectl.cjs', probe(2)));
    expect(entryName(src, '/a/pvectl.cjs', probe(1))).not.toBe(entryName(src, '/b/pvectl.cjs', probe(1)));
    expect(entryName(src, '/a/pvectl.cjs', probe(1))).toMatch(/^pvectl-0123456789abcdef-[0-9a-f]{8}-abcdef01/);
  });

  it('that is damaged (garbage, truncated, one changed byte) is ignored and rewritten', () => {
    const { entry } = run();
    const good = fs.readFileSync(entry);
    const flipped = Buffer.from(good);
    flipped[flipped.length - 1]! ^= 0xff;
    for (const bad of [Buffer.from('garbage'), good.subarray(0, good.length - 10), flipped]) {
      fs.writeFileSync(entry, bad);
      expect(run()).toMatchObject({ cache: 'written', exports: { answer: 42 } });
      expect(run().cache).toBe('hit');
    }
  });
});

describe('an entry someone else could have written', () => {
  it('is not run when others may write it (mode 0666): ignored and rewritten 0600', () => {
    const { entry } = run();
    fs.chmodSync(entry, 0o666);
    expect(run()).toMatchObject({ cache: 'written', exports: { answer: 42 } });
    expect(fs.statSync(entry).mode & 0o777).toBe(0o600);
    expect(run().cache).toBe('hit');
  });

  it('is not run when another user owns it', () => {
    const { entry } = run();
    const ownUid = fs.statSync(entry).uid;
    expect(run({ uid: ownUid }).cache).toBe('hit');
    expect(run({ uid: ownUid + 1 }).cache).toBe('written');
  });
});

describe('what an entry holds', () => {
  it('is made once the command is done: it holds the functions the run compiled, not only the eager ones', () => {
    const plain = runFresh(join(tmp, 'plain'));
    const called = runFresh(join(tmp, 'called'), 'r.exports.later(3)');
    expect([plain.cache, called.cache]).toEqual(['written', 'written']);
    const size = (entry: string) => fs.statSync(entry).size;
    expect(size(called.entry)).toBeGreaterThan(size(plain.entry));
    // and V8 takes it at the next start
    expect(runFresh(join(tmp, 'called'))).toMatchObject({ cache: 'hit', answer: 42 });
  });

  it("is not written when V8's flags changed during the run (the console's --liftoff-only)", () => {
    const home = join(tmp, 'flags');
    const changed = runFresh(home, "require('node:v8').setFlagsFromString('--liftoff-only')");
    // V8 would refuse such data at every start (its flag hash differs): nothing is written
    expect(changed.cache).toBe('miss');
    expect(ls(home)).toEqual([]);
    expect(runFresh(home)).toMatchObject({ cache: 'written', answer: 42 });
    expect(runFresh(home)).toMatchObject({ cache: 'hit', answer: 42 });
  });
});

describe('where no cache can be kept', () => {
  it('a cache directory that cannot be created runs without one and writes nothing', () => {
    fs.writeFileSync(join(tmp, 'file'), '');
    const r = run({ env: { XDG_CACHE_HOME: join(tmp, 'file') } });
    expect(r).toMatchObject({ cache: 'miss', exports: { answer: 42 } });
    expect(ls(tmp)).toEqual(['file', 'install', 'install/dist', 'install/dist/pvectl.cjs']);
  });

  it('a read-only file system: runs, writes nothing, leaves no temporary file', () => {
    const attempts: string[] = [];
    const erofs = (what: string) => (p: unknown) => {
      attempts.push(`${what} ${String(p)}`);
      throw Object.assign(new Error('read-only file system'), { code: 'EROFS' });
    };
    const readOnly = { ...fs, mkdirSync: erofs('mkdir'), writeFileSync: erofs('write'), renameSync: erofs('rename') };
    expect(run({ fs: readOnly })).toMatchObject({ cache: 'miss', exports: { answer: 42 } });
    expect(attempts).toEqual([`mkdir ${join(tmp, 'cache/pvectl/v8', `${process.version}-${process.arch}`)}`]);
    expect(ls(tmp)).toEqual(['install', 'install/dist', 'install/dist/pvectl.cjs']);
  });

  // What a read-only directory does to the calls (root writes through chmod 555, and CI runs as root):
  // every call that would change something under it fails with EACCES; as with the kernel, mkdir -p
  // of a directory that exists, or rm -f of a file that does not, succeeds without writing.
  const readOnlyUnder = (dir: string, attempts: string[]) => {
    const denied =
      (what: string, real: (...a: never[]) => unknown) =>
      (p: string, ...rest: never[]) => {
        if (!String(p).startsWith(dir)) return real(p as never, ...rest);
        if (what === 'mkdir' ? fs.existsSync(p) : what === 'rm' && !fs.existsSync(p)) return undefined;
        attempts.push(`${what} ${String(p).slice(dir.length)}`);
        throw Object.assign(new Error(`EACCES: permission denied, ${what} '${String(p)}'`), { code: 'EACCES' });
      };
    return {
      ...fs,
      mkdirSync: denied('mkdir', fs.mkdirSync),
      writeFileSync: denied('write', fs.writeFileSync),
      renameSync: denied('rename', fs.renameSync),
      rmSync: denied('rm', fs.rmSync),
    };
  };

  it('a read-only cache directory (EACCES, injected: also as root): runs, writes nothing', () => {
    fs.mkdirSync(join(tmp, 'cache'));
    const attempts: string[] = [];
    expect(run({ fs: readOnlyUnder(join(tmp, 'cache'), attempts) })).toMatchObject({
      cache: 'miss',
      exports: { answer: 42 },
    });
    expect(attempts).toEqual([`mkdir /pvectl/v8/${process.version}-${process.arch}`]);
    expect(ls(join(tmp, 'cache'))).toEqual([]);
  });

  it('a read-only directory of entries (EACCES on the write itself): runs, keeps the old entries as they are', () => {
    fs.writeFileSync(bundle, BUNDLE.replace('0123456789abcdef', 'fedcba9876543210'));
    const old = run().entry; // another build's entry, made while the directory was writable
    fs.writeFileSync(bundle, BUNDLE);
    const before = ls(join(tmp, 'cache'));
    const attempts: string[] = [];
    const r = run({ fs: readOnlyUnder(join(tmp, 'cache'), attempts) });
    expect(r).toMatchObject({ cache: 'miss', exports: { answer: 42 } });
    expect(r.entry).not.toBe(old);
    // the temporary file was refused: no rename, no pruning of the old entries
    expect(attempts.map((a) => a.replace(/\/\.pvectl-[^/]*\.tmp$/, '/.TMP'))).toEqual([
      `write /pvectl/v8/${process.version}-${process.arch}/.TMP`,
    ]);
    expect(ls(join(tmp, 'cache'))).toEqual(before);
  });

  // the kernel's own refusal, where the tests do not run as root
  it.skipIf(process.getuid?.() === 0)('a read-only cache directory (chmod 555): runs, writes nothing', () => {
    fs.mkdirSync(join(tmp, 'cache'));
    fs.chmodSync(join(tmp, 'cache'), 0o555);
    expect(run().cache).toBe('miss');
    expect(ls(join(tmp, 'cache'))).toEqual([]);
  });

  it('no HOME and no XDG_CACHE_HOME: no cache', () => {
    expect(run({ env: {} })).toMatchObject({ cache: 'off', entry: undefined, exports: { answer: 42 } });
  });
});

describe('writing', () => {
  it('goes to a temporary file renamed over the entry, so a concurrent run never reads half of one', () => {
    const calls: string[] = [];
    const spy = {
      ...fs,
      writeFileSync: (p: string, d: Buffer, o: unknown) => (
        calls.push(`write ${p}`),
        fs.writeFileSync(p, d, o as never)
      ),
      renameSync: (a: string, b: string) => (calls.push(`rename ${a} -> ${b}`), fs.renameSync(a, b)),
    };
    const { entry } = run({ fs: spy });
    const tmpFile = calls[0]!.slice('write '.length);
    expect(tmpFile).not.toBe(entry);
    expect(calls).toEqual([`write ${tmpFile}`, `rename ${tmpFile} -> ${entry}`]);
    expect(fs.readdirSync(join(entry, '..'))).toEqual([entry.split('/').pop()]);
  });

  it(`keeps the ${KEEP} newest entries of a directory (other builds), not every old one`, () => {
    for (let i = 0; i < KEEP + 3; i++) {
      fs.writeFileSync(bundle, BUNDLE.replace('0123456789abcdef', `${i}`.padStart(16, '0')));
      run();
    }
    const files = fs.readdirSync(join(tmp, 'cache/pvectl/v8', `${process.version}-${process.arch}`));
    expect(files).toHaveLength(KEEP);
    expect(files.some((f) => f.startsWith(`pvectl-${`${KEEP + 2}`.padStart(16, '0')}-`))).toBe(true);
  });
});
