import {
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  readSync,
  statSync,
  writeFileSync,
  chmodSync,
  closeSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, type RegionEntry } from '../../src/config/store.js';
import { ExitCode, NotFoundError, PvectlError } from '../../src/errors.js';

const SECRET = '5f1c2d3e-aaaa-bbbb-cccc-0123456789ab';
const entry = (over: Partial<RegionEntry> = {}): RegionEntry => ({
  url: 'https://pve1.example.net:8006',
  tokenId: 'root@pam!pvectl',
  tokenSecret: SECRET,
  fingerprint: 'AB:'.repeat(31) + 'AB',
  ...over,
});

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), 'pvectl-store-'));
}

async function errorOf(p: Promise<unknown> | (() => unknown)): Promise<PvectlError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    expect(err).toBeInstanceOf(PvectlError);
    return err as PvectlError;
  }
  throw new Error('expected an error');
}

describe('regions store', () => {
  it('lives at $PVECTL_CONFIG_DIR/config.json and reading does not create the file', async () => {
    const dir = freshDir();
    const store = await openStore({ PVECTL_CONFIG_DIR: dir });
    expect(store.path).toBe(join(dir, 'config.json'));
    expect(store.list()).toEqual([]);
    expect(store.current()).toBeUndefined();
    expect(existsSync(store.path)).toBe(false);
  });

  it('sets, lists (sorted), gets, uses and removes regions', async () => {
    const store = await openStore({ PVECTL_CONFIG_DIR: freshDir() });
    store.set('zeta', entry({ defaults: { node: 'pve2' } }));
    store.set('alpha', entry({ fingerprint: undefined, insecure: true, defaults: {} }));
    store.use('zeta');
    expect(store.list().map((r) => r.name)).toEqual(['alpha', 'zeta']);
    expect(store.get('zeta')).toMatchObject({ name: 'zeta', tokenSecret: SECRET, defaults: { node: 'pve2' } });
    expect(store.get('alpha')).toMatchObject({ insecure: true, defaults: {} });
    expect(store.get('nope')).toBeUndefined();
    expect(store.get('constructor')).toBeUndefined();
    expect(store.current()).toBe('zeta');
    // unset fields and empty defaults are not written
    const onDisk = JSON.parse(readFileSync(store.path, 'utf8'));
    expect(onDisk.regions.alpha).toEqual({
      url: 'https://pve1.example.net:8006',
      tokenId: 'root@pam!pvectl',
      tokenSecret: SECRET,
      insecure: true,
    });
    expect(store.remove('zeta')).toBe(true);
    expect(store.current()).toBeUndefined();
    expect(store.remove('zeta')).toBe(false);
    // a second store on the same file sees the same data
    expect((await openStore({ PVECTL_CONFIG_DIR: join(store.path, '..') })).list().map((r) => r.name)).toEqual([
      'alpha',
    ]);
  });

  it('refuses to make an unknown region current', async () => {
    const store = await openStore({ PVECTL_CONFIG_DIR: freshDir() });
    store.set('a', entry());
    const err = await errorOf(() => store.use('b'));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.hint).toContain('a');
  });

  it('writes the file with mode 0600, also over an existing world-readable file', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'config.json'), '{"regions":{}}', { mode: 0o644 });
    chmodSync(join(dir, 'config.json'), 0o644);
    const store = await openStore({ PVECTL_CONFIG_DIR: dir });
    store.set('a', entry());
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    const fresh = await openStore({ PVECTL_CONFIG_DIR: freshDir() });
    fresh.set('a', entry());
    expect(statSync(fresh.path).mode & 0o777).toBe(0o600);
  });

  it('writes atomically: a new file is renamed into place, a reader never sees a partial file', async () => {
    const store = await openStore({ PVECTL_CONFIG_DIR: freshDir() });
    store.set('a', entry());
    const before = readFileSync(store.path, 'utf8');
    const inode = statSync(store.path).ino;
    const fd = openSync(store.path, 'r'); // a reader that opened the file before the write
    store.set('b', entry({ defaults: { node: 'x'.repeat(100_000) } }));
    const buf = Buffer.alloc(before.length + 10);
    const n = readSync(fd, buf, 0, buf.length, 0);
    closeSync(fd);
    expect(buf.subarray(0, n).toString('utf8')).toBe(before); // the old file, whole and unchanged
    expect(statSync(store.path).ino).not.toBe(inode); // replaced by rename, not rewritten in place
    expect(JSON.parse(readFileSync(store.path, 'utf8')).regions.b.defaults.node).toHaveLength(100_000);
    expect(readdirSync(join(store.path, '..'))).toEqual(['config.json']); // no temp file left behind
  });

  describe('a corrupt file is an error naming the file, and is never overwritten', () => {
    const cases: Array<[string, string, RegExp]> = [
      [
        'bad JSON',
        `{\n  "regions": {\n    "a": { "tokenSecret": "${SECRET}" oops`,
        /not valid JSON: at line 3, column \d+/,
      ],
      ['truncated JSON', `{"regions": {"a": {"tokenSecret": "${SECRET}`, /not valid JSON: the file ends too early/],
      ['empty file', '', /not valid JSON: the file is empty/],
      ['not an object', '[]', /the top level must be object/],
      [
        'http URL',
        JSON.stringify({ regions: { a: { ...entry(), url: 'http://pve:8006' } } }),
        /regions\.a\.url must match pattern/,
      ],
      [
        'missing secret',
        JSON.stringify({ regions: { a: { url: 'https://pve:8006', tokenId: 'root@pam!pvectl' } } }),
        /regions\.a must have required property 'tokenSecret'/,
      ],
      [
        'misspelt key',
        JSON.stringify({ regions: { a: { ...entry(), fingerprnt: 'x' } } }),
        /unknown key regions\.a\.fingerprnt/,
      ],
      [
        'bad region name',
        JSON.stringify({ regions: { 'Bad Name': entry() } }),
        /regions must match pattern|property name must be valid/,
      ],
      [
        'bad VMID range',
        JSON.stringify({ regions: { a: { ...entry(), vmidRange: { min: 5, max: 'x' } } } }),
        /regions\.a\.vmidRange\.min must be >= 100/,
      ],
      [
        'bad trust type',
        JSON.stringify({ regions: { a: { ...entry(), insecure: 'yes' } } }),
        /regions\.a\.insecure must be boolean/,
      ],
    ];
    it.each(cases)('%s', async (_label, text, what) => {
      const dir = freshDir();
      const file = join(dir, 'config.json');
      writeFileSync(file, text, { mode: 0o600 });
      const err = await errorOf(openStore({ PVECTL_CONFIG_DIR: dir }));
      expect(err.exitCode).toBe(ExitCode.failure);
      expect(err.message).toContain(file);
      expect(err.message).toMatch(what);
      expect(err.hint).toContain(`mv ${file} ${file}.bak`);
      expect(`${err.message} ${err.hint}`).not.toContain(SECRET);
      expect(readFileSync(file, 'utf8')).toBe(text);
    });

    it('a store opened before the file broke refuses to write over it', async () => {
      const store = await openStore({ PVECTL_CONFIG_DIR: freshDir() });
      store.set('a', entry());
      writeFileSync(store.path, '{ broken');
      const err = await errorOf(() => store.set('b', entry()));
      expect(err.message).toContain(store.path);
      expect(readFileSync(store.path, 'utf8')).toBe('{ broken');
    });
  });

  it('refuses to write an entry that breaks the schema, leaving the file as it was', async () => {
    const store = await openStore({ PVECTL_CONFIG_DIR: freshDir() });
    store.set('a', entry());
    const before = readFileSync(store.path, 'utf8');
    const err = await errorOf(() => store.set('b', entry({ url: 'http://plain:8006' })));
    expect(err.message).toMatch(/Refusing to write .*regions\.b\.url/);
    expect(readFileSync(store.path, 'utf8')).toBe(before);
  });

  it('says what failed when the file cannot be read', async () => {
    const dir = freshDir();
    const file = join(dir, 'config.json');
    writeFileSync(file, '{}');
    chmodSync(file, 0o000);
    try {
      if (process.getuid?.() === 0) return; // root reads anything
      const err = await errorOf(openStore({ PVECTL_CONFIG_DIR: dir }));
      expect(err.message).toContain(`Cannot read config file ${file}: EACCES`);
    } finally {
      chmodSync(file, 0o600);
    }
  });
});
