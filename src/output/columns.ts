// Which columns a table or tsv shows: --columns picks and orders them (wide ones included), by key
// or by header; otherwise -o wide shows all and table the non-wide ones. An unknown id is a usage
// error, and commands call checkColumns before any request so that nothing is sent for a typo.
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import type { Column, ColumnKind } from './types.js';

export function selectColumns<T>(ctx: Context, columns: Column<T>[]): Column<T>[] {
  const picked = ctx.globals.columns;
  if (picked && picked.length > 0) {
    checkColumns(ctx, columns);
    return picked.map((id) => columns.find((c) => names(c, id))!);
  }
  const wide = ctx.globals.output === 'wide';
  return columns.filter((c) => !c.hidden && (wide || !c.wide));
}

/** --columns takes a key ("maxmem") or the header a table shows ("MEM%", "CPUS"), in any case. */
function names(c: Pick<Column<never>, 'id' | 'header'>, picked: string): boolean {
  return c.id === picked || c.header.toLowerCase() === picked;
}

/** Throws a UsageError naming the valid ids when --columns names one these columns lack. */
export function checkColumns(ctx: Context, columns: Pick<Column<never>, 'id' | 'header'>[]): void {
  const picked = ctx.globals.columns ?? [];
  const unknown = picked.filter((id) => !columns.some((c) => names(c, id)));
  if (unknown.length > 0) {
    const list = unknown.map((id) => `"${id}"`).join(', ');
    throw new UsageError(`--columns: unknown column ${list}; valid columns: ${columns.map((c) => c.id).join(', ')}`);
  }
}

const RIGHT: ReadonlySet<ColumnKind> = new Set(['number', 'bytes', 'fraction', 'duration']);

export function alignOf(c: Pick<Column<never>, 'kind' | 'align'>): 'left' | 'right' {
  return c.align ?? (RIGHT.has(c.kind ?? 'text') ? 'right' : 'left');
}

/** Columns whose cells may be shortened to fit a terminal: free text, not ids, numbers or states. */
export function truncatable(c: Pick<Column<never>, 'kind' | 'whole'>): boolean {
  if (c.whole) return false;
  const kind = c.kind ?? 'text';
  return kind === 'text' || kind === 'tags' || kind === 'list';
}
