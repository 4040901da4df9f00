// --sort FIELD / --sort -FIELD (descending). Missing values sort last either way; ties keep the
// order they came in (Array.prototype.sort is stable), so callers pre-sort by their default key.
import { UsageError } from '../errors.js';

export interface SortSpec {
  field: string;
  descending: boolean;
}

export function parseSort(spec: string, valid: readonly string[], flag = '--sort'): SortSpec {
  const descending = spec.startsWith('-');
  const field = (descending ? spec.slice(1) : spec).trim().toLowerCase();
  if (!valid.includes(field)) {
    throw new UsageError(
      `${flag}: unknown field "${spec}"; valid fields: ${valid.join(', ')} (descending: --sort=-FIELD)`,
    );
  }
  return { field, descending };
}

export function sortRows<T>(rows: T[], key: (row: T) => unknown, descending = false): T[] {
  const keyed = rows.map((row, index) => ({ row, index, k: sortKey(key(row)) }));
  keyed.sort((a, b) => {
    if (a.k === null || b.k === null) return a.k === b.k ? a.index - b.index : a.k === null ? 1 : -1;
    const c = a.k < b.k ? -1 : a.k > b.k ? 1 : 0;
    return (descending ? -c : c) || a.index - b.index;
  });
  return keyed.map((x) => x.row);
}

function sortKey(v: unknown): number | string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (Array.isArray(v)) return v.length ? v.join(',') : null;
  return String(v);
}
