import { describe, expect, it } from 'vitest';
import { parseSort, sortRows } from '../../src/lib/sort-by.js';

describe('sort-by', () => {
  const rows = [
    { id: 1, mem: 5 },
    { id: 2, mem: null },
    { id: 3, mem: 7 },
    { id: 4, mem: 5 },
  ];

  it('sorts ascending and descending, missing values last, ties in input order', () => {
    expect(sortRows(rows, (r) => r.mem).map((r) => r.id)).toEqual([1, 4, 3, 2]);
    expect(sortRows(rows, (r) => r.mem, true).map((r) => r.id)).toEqual([3, 1, 4, 2]);
  });

  it('parses -field as descending and refuses unknown fields with the list', () => {
    expect(parseSort('-MEM', ['mem', 'vmid'])).toEqual({ field: 'mem', descending: true });
    expect(() => parseSort('size', ['mem', 'vmid'])).toThrow(
      '--sort: unknown field "size"; valid fields: mem, vmid (descending: --sort=-FIELD)',
    );
  });
});
