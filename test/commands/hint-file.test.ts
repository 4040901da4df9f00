// The hint file itself (src/commands/guest/hint-file.ts): bounded, per region, written only when
// something changed, and anything odd in it means "no hint".
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  findHint,
  hintFile,
  MAX_HINTS,
  readHints,
  rememberHints,
  type Hint,
} from '../../src/commands/guest/hint-file.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pvectl-hint-file-'));
  file = hintFile({ XDG_CACHE_HOME: dir }, { name: 'lab', url: 'https://pve1:8006' })!;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const vm = (vmid: number, name = `vm-${vmid}`, node = 'pve1'): Hint => ({ vmid, node, type: 'qemu', name });

describe('hint file', () => {
  it('lives in $XDG_CACHE_HOME/pvectl, else ~/.cache/pvectl, one per region name and URL; none without either', () => {
    expect(file.startsWith(join(dir, 'pvectl', 'guests-'))).toBe(true);
    expect(hintFile({ HOME: '/home/u' }, { name: 'lab', url: 'https://pve1:8006' })).toMatch(
      /^\/home\/u\/\.cache\/pvectl\/guests-[0-9a-f]{24}\.json$/,
    );
    expect(hintFile({ XDG_CACHE_HOME: dir }, { name: 'lab', url: 'https://other:8006' })).not.toBe(file);
    expect(hintFile({ XDG_CACHE_HOME: dir }, { name: 'home', url: 'https://pve1:8006' })).not.toBe(file);
    expect(hintFile({}, { name: 'lab', url: 'https://pve1:8006' })).toBeUndefined();
  });

  it('keeps the newest MAX_HINTS guests, one entry per VMID', () => {
    rememberHints(file, [vm(1), vm(2)]);
    rememberHints(file, [vm(1, 'renamed', 'pve2')]);
    expect(readHints(file)).toEqual([vm(2), vm(1, 'renamed', 'pve2')]);
    rememberHints(
      file,
      Array.from({ length: MAX_HINTS + 10 }, (_, i) => vm(100 + i)),
    );
    const kept = readHints(file);
    expect(kept).toHaveLength(MAX_HINTS);
    expect(kept[0]!.vmid).toBe(110);
    expect(kept.at(-1)!.vmid).toBe(100 + MAX_HINTS + 9);
    expect(statSync(file).size).toBeLessThan(100_000);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('is not rewritten when nothing changed; a gone VMID is dropped', () => {
    rememberHints(file, [vm(1), vm(2)]);
    writeFileSync(file, readFileSync(file, 'utf8') + ' ');
    rememberHints(file, [vm(2)]);
    expect(readFileSync(file, 'utf8').endsWith(' ')).toBe(true);
    rememberHints(file, [], [1]);
    expect(readHints(file)).toEqual([vm(2)]);
  });

  it('a full list (MAX_HINTS distinct VMIDs) replaces the file, compared as text: written only when it differs', () => {
    const full = (name = 'vm') => Array.from({ length: MAX_HINTS }, (_, i) => vm(100 + i, `${name}-${i}`));
    rememberHints(file, [vm(1), vm(2)]);
    rememberHints(file, full());
    expect(readHints(file)).toEqual(full());
    // the same list again: not written (a write renames a new file over the old one: another inode)
    const text = readFileSync(file, 'utf8');
    const ino = statSync(file).ino;
    rememberHints(file, full());
    expect(statSync(file).ino).toBe(ino);
    // other text (here one blank more) is rewritten to the list
    writeFileSync(file, `${text.slice(0, -1)} }`);
    rememberHints(file, full());
    expect(readFileSync(file, 'utf8')).toBe(text);
    // one guest renamed: written
    rememberHints(file, full('renamed'));
    expect(readHints(file)[0]).toEqual(vm(100, 'renamed-0'));
    // a corrupt file is replaced
    writeFileSync(file, '{"v":1,');
    rememberHints(file, full());
    expect(readHints(file)).toEqual(full());
  });

  it('a list of MAX_HINTS with a VMID twice is merged as any other: the last one seen kept, old ones fill up', () => {
    rememberHints(file, [vm(1)]);
    const seen = Array.from({ length: MAX_HINTS }, (_, i) => vm(100 + i));
    seen[5] = vm(110, 'twice');
    rememberHints(file, seen);
    const kept = readHints(file);
    expect(kept).toHaveLength(MAX_HINTS);
    expect(kept[0]).toEqual(vm(1));
    expect(kept.filter((h) => h.vmid === 110)).toEqual([vm(110)]);
  });

  it('finds by VMID only, for the same kind; never by name (it may have become ambiguous)', () => {
    const hints = [vm(1, 'a'), vm(2, 'b'), vm(3, 'b'), { vmid: 4, node: 'pve1', type: 'lxc' as const, name: 'a' }];
    expect(findHint(hints, 'qemu', '1')).toEqual(hints[0]);
    expect(findHint(hints, 'lxc', '1')).toBeUndefined();
    expect(findHint(hints, 'lxc', '4')).toEqual(hints[3]);
    expect(findHint(hints, 'qemu', 'a')).toBeUndefined();
    expect(findHint(hints, 'lxc', 'a')).toBeUndefined();
    expect(findHint(hints, 'qemu', 'b')).toBeUndefined();
    expect(findHint(hints, 'qemu', '9')).toBeUndefined();
  });

  it.each([
    ['not JSON', '{"v":1,'],
    ['another version', '{"v":2,"guests":[[1,"pve1","qemu","a"]]}'],
    [
      'entries of the wrong shape',
      '{"v":1,"guests":[[1,"","qemu","a"],["1","pve1","qemu","a"],[1,"pve1","kvm","a"],7]}',
    ],
  ])('%s: no hints', (_what, text) => {
    rememberHints(file, [vm(9)]);
    writeFileSync(file, text);
    expect(readHints(file)).toEqual([]);
  });

  it('a file over 256 KiB is not read', () => {
    rememberHints(file, [vm(9)]);
    const big = JSON.stringify({ v: 1, guests: [[1, 'pve1', 'qemu', 'x'.repeat(300 * 1024)]] });
    writeFileSync(file, big);
    expect(readHints(file)).toEqual([]);
  });
});
