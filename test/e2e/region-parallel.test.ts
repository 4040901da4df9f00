// Many pvectl processes writing one config.json at once (issue 8 §3: 20 parallel `region add`
// kept 10 regions, and the losers still printed "added" and exited 0). Needs `npm run build`.
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/sim.js';

const FP = 'AB:'.repeat(31) + 'AB';
const N = 16;

const add = (dir: string, name: string, extra: string[] = []) =>
  runCli(
    [
      ...['region', 'add', name, '--url', `https://${name}.example:8006`, '--token-id', `root@pam!${name}`],
      ...['--fingerprint', FP, '--token-secret-stdin', '--no-verify', ...extra],
    ],
    { env: { PVECTL_CONFIG_DIR: dir }, input: `secret-of-${name}\n`, timeoutMs: 60_000 },
  );

const config = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as {
    currentRegion?: string;
    regions: Record<string, { tokenSecret: string; url: string }>;
  };

describe('parallel writers of one config file', () => {
  it(`${N} parallel region add: every one that says "added" is in the file, each with its own secret`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pvectl-parallel-'));
    const names = Array.from({ length: N }, (_, i) => `r${i}`);
    const results = await Promise.all(names.map((name) => add(dir, name)));
    for (const [i, r] of results.entries()) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain(`Region "${names[i]}" added`);
    }
    const saved = config(dir);
    expect(Object.keys(saved.regions).sort()).toEqual([...names].sort());
    for (const name of names) {
      expect(saved.regions[name]).toMatchObject({
        url: `https://${name}.example:8006`,
        tokenSecret: `secret-of-${name}`,
      });
    }
    // exactly one became current: the first to take the lock found none
    expect(names).toContain(saved.currentRegion);
    expect(statSync(join(dir, 'config.json')).mode & 0o777).toBe(0o600);
    // no lock or temporary file is left behind
    expect(readdirSync(dir)).toEqual(['config.json']);
  }, 120_000);

  it('the same name added by several at once: one wins, the others exit 2 and say it exists', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pvectl-parallel-'));
    const results = await Promise.all(Array.from({ length: 6 }, () => add(dir, 'same')));
    expect(results.map((r) => r.code).sort()).toEqual([0, 2, 2, 2, 2, 2]);
    for (const r of results.filter((x) => x.code === 2)) expect(r.stderr).toContain('Region "same" already exists');
    expect(Object.keys(config(dir).regions)).toEqual(['same']);
  }, 120_000);

  it('parallel add and remove of different regions lose neither change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pvectl-parallel-'));
    for (const name of ['keep', 'gone1', 'gone2']) expect((await add(dir, name)).code).toBe(0);
    const remove = (name: string) =>
      runCli(['region', 'remove', name, '--yes'], { env: { PVECTL_CONFIG_DIR: dir }, timeoutMs: 60_000 });
    const results = await Promise.all([remove('gone1'), add(dir, 'new1'), remove('gone2'), add(dir, 'new2')]);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    expect(Object.keys(config(dir).regions).sort()).toEqual(['keep', 'new1', 'new2']);
  }, 120_000);
});
