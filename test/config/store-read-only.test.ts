// A read-only store (region resolution: every API command) reads config.json without conf; it must
// see what the conf-backed store sees and fail as it fails.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, type RegionEntry } from '../../src/config/store.js';
import { PvectlError } from '../../src/errors.js';

const entry = (over: Partial<RegionEntry> = {}): RegionEntry => ({
  url: 'https://pve1.example.net:8006',
  tokenId: 'root@pam!pvectl',
  tokenSecret: 'secret-1',
  ...over,
});
const freshDir = () => mkdtempSync(join(tmpdir(), 'pvectl-store-ro-'));

async function failure(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PvectlError);
  return (err as PvectlError).message;
}

describe('a read-only store', () => {
  it('reads what the conf-backed store wrote', async () => {
    const dir = freshDir();
    const writer = await openStore({ PVECTL_CONFIG_DIR: dir });
    writer.set('b', entry({ defaults: { node: 'pve2' }, vmidRange: { min: 1000, max: 1999 } }));
    writer.set('a', entry());
    writer.use('b');
    const reader = await openStore({ PVECTL_CONFIG_DIR: dir }, { readOnly: true });
    expect(reader.path).toBe(writer.path);
    expect(reader.current()).toBe('b');
    expect(reader.list()).toEqual(writer.list());
    expect(reader.get('b')).toEqual(writer.get('b'));
    expect(reader.get('c')).toBeUndefined();
  });

  it('is empty when there is no file yet, and creates none', async () => {
    const dir = freshDir();
    const reader = await openStore({ PVECTL_CONFIG_DIR: dir }, { readOnly: true });
    expect(reader.list()).toEqual([]);
    expect(reader.current()).toBeUndefined();
    expect(() => readFileSync(reader.path)).toThrow(/ENOENT/);
  });

  it.each([
    ['bad JSON', '{ "regions": oops'],
    ['not an object', '[]'],
    ['a bad region', JSON.stringify({ regions: { a: { ...entry(), insecure: 'yes' } } })],
    ['an unknown key', JSON.stringify({ regions: { a: { ...entry(), fingerprnt: 'x' } } })],
  ])('fails on %s with the same message as the conf-backed store', async (_label, text) => {
    const dir = freshDir();
    writeFileSync(join(dir, 'config.json'), text, { mode: 0o600 });
    const viaConf = await failure(openStore({ PVECTL_CONFIG_DIR: dir }));
    const readOnly = await failure(openStore({ PVECTL_CONFIG_DIR: dir }, { readOnly: true }));
    expect(readOnly).toBe(viaConf);
    expect(readOnly).toContain(join(dir, 'config.json'));
  });

  it('refuses to write, leaving the file as it was', async () => {
    const dir = freshDir();
    (await openStore({ PVECTL_CONFIG_DIR: dir })).set('a', entry());
    const before = readFileSync(join(dir, 'config.json'), 'utf8');
    const reader = await openStore({ PVECTL_CONFIG_DIR: dir }, { readOnly: true });
    expect(() => reader.set('b', entry())).toThrow(/opened read-only/);
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(before);
  });

  // issue 13: a reading command reads, parses and checks config.json once, at open (it used to do
  // so three times: at open, for the current region's name, and for the region)
  it('reads the file once, at open: a later change on disk is not read again', async () => {
    const dir = freshDir();
    const writer = await openStore({ PVECTL_CONFIG_DIR: dir });
    writer.set('a', entry());
    writer.use('a');
    const stored = writer.get('a');
    const reader = await openStore({ PVECTL_CONFIG_DIR: dir }, { readOnly: true });
    writeFileSync(join(dir, 'config.json'), '{ "regions": oops', { mode: 0o600 });
    expect(reader.current()).toBe('a');
    expect(reader.get('a')).toEqual(stored);
  });

  it('shows nothing of a refused write in later reads', async () => {
    const dir = freshDir();
    (await openStore({ PVECTL_CONFIG_DIR: dir })).set('a', entry());
    const reader = await openStore({ PVECTL_CONFIG_DIR: dir }, { readOnly: true });
    expect(() => reader.set('b', entry())).toThrow(/opened read-only/);
    expect(() => reader.use('a')).toThrow(/opened read-only/);
    expect(reader.get('b')).toBeUndefined();
    expect(reader.current()).toBeUndefined();
    expect(reader.list().map((r) => r.name)).toEqual(['a']);
  });
});
