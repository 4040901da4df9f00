// sortByVmid (list-order.ts) against the comparator sort it replaced in list.ts: the same order on
// answers in any order, with VMIDs twice, with rows a filter skipped, and on keys it cannot make
// exactly (then it falls back to that very sort).
import { describe, expect, it } from 'vitest';
import { sortByVmid } from '../../src/commands/guest/list-order.js';

const byComparator = (rows: number[], vmid: ArrayLike<number>) => [...rows].sort((a, b) => vmid[a]! - vmid[b]!);

/** A deterministic shuffle (no Math.random in tests): a real Proxmox VE lists in hash order. */
function shuffled(values: number[], seed: number): number[] {
  const out = [...values];
  let x = seed;
  for (let i = out.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);

describe('sortByVmid', () => {
  it.each([
    ['in order', range(5030, 100)],
    ['shuffled', shuffled(range(5030, 100), 7)],
    ['reversed', range(300, 100).reverse()],
    ['VMIDs twice (ties keep the listed order)', shuffled([...range(200, 100), ...range(200, 150)], 3)],
    ['the largest VMID Proxmox allows', shuffled([999_999_999, 100, 999_999_998, 0, 5], 1)],
  ])('orders as the comparator sort did: %s', (_, values) => {
    const vmid = Float64Array.from(values);
    const rows = range(values.length);
    expect(sortByVmid([...rows], vmid)).toEqual(byComparator(rows, vmid));
  });

  it('keeps the rows a filter left, and only those', () => {
    const vmid = Float64Array.from(shuffled(range(1000, 100), 11));
    const rows = range(1000).filter((i) => i % 3 !== 0);
    const sorted = sortByVmid([...rows], vmid);
    expect(sorted).toEqual(byComparator(rows, vmid));
    expect([...sorted].sort((a, b) => a - b)).toEqual(rows);
  });

  it.each([
    ['a fraction', [101, 100.5, 100]],
    ['a negative VMID', [101, -3, 100]],
    ['a VMID too large for an exact key', [2 ** 52, 100, 2 ** 51]],
  ])('falls back to the comparator on %s, with the same result', (_, values) => {
    const vmid = Float64Array.from(values);
    const rows = range(values.length);
    expect(sortByVmid([...rows], vmid)).toEqual(byComparator(rows, vmid));
  });

  it('leaves empty and one-row lists alone', () => {
    expect(sortByVmid([], new Float64Array(0))).toEqual([]);
    expect(sortByVmid([0], Float64Array.of(100))).toEqual([0]);
  });
});
