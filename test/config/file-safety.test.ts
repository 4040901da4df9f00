// config.json holds token secrets: its directory is made 0700 whatever the umask, a file others
// can read is reported and set back to 0600, and a symlink is written through, never replaced.
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, type RegionEntry } from '../../src/config/store.js';
import { ExitCode, PvectlError } from '../../src/errors.js';
import { run } from '../helpers/cli.js';

const entry: RegionEntry = { url: 'https://pve.example:8006', tokenId: 'root@pam!tk', tokenSecret: 'sec-123' };
const fresh = () => mkdtempSync(join(tmpdir(), 'pvectl-safety-'));
const mode = (path: string) => statSync(path).mode & 0o777;

describe('config directory', () => {
  it('is created 0700 even under umask 000', async () => {
    const dir = join(fresh(), 'a', 'pvectl');
    const old = process.umask(0);
    try {
      const store = await openStore({ PVECTL_CONFIG_DIR: dir });
      store.set('a', entry);
    } finally {
      process.umask(old);
    }
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, 'config.json'))).toBe(0o600);
  });

  it("an existing directory's mode is the user's and left alone", async () => {
    const dir = fresh();
    chmodSync(dir, 0o755);
    await openStore({ PVECTL_CONFIG_DIR: dir });
    expect(mode(dir)).toBe(0o755);
  });
});

describe('config file mode', () => {
  it('a file others can read is reported and set back to 0600 on open, before any write', async () => {
    const dir = fresh();
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ regions: { a: entry } }));
    chmodSync(file, 0o644);
    const warnings: string[] = [];
    const store = await openStore({ PVECTL_CONFIG_DIR: dir }, { warn: (m) => warnings.push(m) });
    expect(warnings).toEqual([
      `Config file ${file} had mode 0644, so others could read its token secrets; it is now 0600.`,
    ]);
    expect(mode(file)).toBe(0o600);
    expect(store.get('a')?.tokenSecret).toBe('sec-123');
    // once fixed, nothing more is said
    await openStore({ PVECTL_CONFIG_DIR: dir }, { warn: (m) => warnings.push(m) });
    expect(warnings).toHaveLength(1);
  });

  it('pvectl says so on stderr (even with -q) and the command still works', async () => {
    const dir = fresh();
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ currentRegion: 'a', regions: { a: entry } }), { mode: 0o640 });
    chmodSync(file, 0o640);
    const r = await run(['-q', 'region', 'list', '-o', 'id'], { env: { PVECTL_CONFIG_DIR: dir } });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('a\n');
    expect(r.stderr).toContain(`Config file ${file} had mode 0640`);
    expect(r.stderr).not.toContain('sec-123');
    expect(mode(file)).toBe(0o600);
  });
});

describe('a symlinked config file', () => {
  it('is written through to its target; the link stays a link', async () => {
    const dir = fresh();
    const elsewhere = join(fresh(), 'dotfiles');
    mkdirSync(elsewhere);
    const target = join(elsewhere, 'pvectl.json');
    writeFileSync(target, '{}', { mode: 0o600 });
    symlinkSync(target, join(dir, 'config.json'));
    const store = await openStore({ PVECTL_CONFIG_DIR: dir });
    store.set('a', entry);
    store.use('a');
    expect(lstatSync(join(dir, 'config.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'config.json'))).toBe(target);
    expect(JSON.parse(readFileSync(target, 'utf8'))).toMatchObject({ currentRegion: 'a', regions: { a: entry } });
    expect(mode(target)).toBe(0o600);
    // the lock sat by the target, and is gone
    expect(readdirSync(elsewhere)).toEqual(['pvectl.json']);
  });

  it('whose target is missing is refused with a clear message; nothing replaces the link', async () => {
    const dir = fresh();
    const link = join(dir, 'config.json');
    symlinkSync(join(dir, 'missing', 'pvectl.json'), link);
    const store = await openStore({ PVECTL_CONFIG_DIR: dir });
    let err: unknown;
    try {
      store.set('a', entry);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PvectlError);
    expect((err as PvectlError).exitCode).toBe(ExitCode.failure);
    expect((err as PvectlError).message).toBe(
      `Config file ${link} is a symbolic link to ${join(dir, 'missing', 'pvectl.json')}, which cannot be ` +
        'resolved (ENOENT); refusing to replace the link with a file. Nothing was changed.',
    );
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
    expect(readdirSync(dir)).toEqual(['config.json']);
  });
});
