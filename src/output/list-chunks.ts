// A list in every -o format, rendered a few hundred rows at a time: `vm list | head -1` gets its
// first line without the rest being rendered first, and a reader that goes away stops the
// rendering (see write-out.ts). The pieces join into exactly the one-piece output.
import type { Context } from '../context.js';
import { statusPainter } from './color.js';
import { alignOf, selectColumns, truncatable } from './columns.js';
import { humanCell, rawCell } from './humanize.js';
import { safeLine } from './safe-text.js';
import { layoutTable, renderTableRows, tableRowCount, type TableSpec } from './table.js';
import { renderTsv } from './tsv.js';
import type { Column, ListView } from './types.js';

/** Rows per piece: ~35 KiB of a guest table, more than a pipe's write asks to wait after (16 KiB). */
const CHUNK_ROWS = 256;
/** Distinct values remembered per table column: enough for the repeats, bounded for unique names. */
const MEMO_SIZE = 256;

export async function* listChunks<T>(ctx: Context, view: ListView<T>): AsyncGenerator<string> {
  const { output } = ctx.globals;
  const columns = selectColumns(ctx, view.columns); // validates --columns for every format
  const json = (r: T) => (view.json ? view.json(r) : r);
  if (output === 'json') return yield* jsonChunks(view.rows, json);
  if (output === 'yaml') {
    const { renderYaml } = await import('./yaml.js');
    return yield renderYaml(view.rows.map(json));
  }
  // each id once: `os list` has a row per source of one OS, and a script wants the names
  if (output === 'id')
    return yield [...new Set(view.rows.map((r) => rowId(view.id, r)))].map((id) => `${id}\n`).join('');
  if (view.rows.length === 0) return;
  if (output === 'tsv') {
    for (let i = 0; i < view.rows.length; i += CHUNK_ROWS) {
      const rows = view.rows.slice(i, i + CHUNK_ROWS).map((r) => columns.map((c) => rawCell(c.value(r))));
      yield renderTsv(i === 0 && ctx.globals.headers ? columns.map((c) => c.id) : null, rows);
    }
    return;
  }
  const spec = await tableSpec(ctx, columns, view.rows);
  const layout = layoutTable(spec);
  const count = tableRowCount(spec);
  for (let r = 0; r < count; r += CHUNK_ROWS) yield renderTableRows(spec, layout, r, Math.min(count, r + CHUNK_ROWS));
}

/** `JSON.stringify(rows, null, 2)` and a newline, a piece at a time. */
function* jsonChunks<T>(rows: T[], json: (r: T) => unknown): Generator<string> {
  if (rows.length === 0) return yield '[]\n';
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
    const part = JSON.stringify(rows.slice(i, i + CHUNK_ROWS).map(json), null, 2);
    // "[\n  …\n]" without its brackets: the pieces join into what one stringify of every row gives
    yield (i === 0 ? '[\n' : ',\n') + part.slice(2, -2);
  }
  yield '\n]\n';
}

export function rowId<T>(id: ((row: T) => string | number) | undefined, row: T): string {
  const value = id ? id(row) : (row as { vmid?: unknown }).vmid;
  return value === undefined || value === null ? '' : safeLine(String(value));
}

/** The cells of a table, humanised, with what renderTable needs to lay them out. */
export async function tableSpec<T>(ctx: Context, columns: Column<T>[], rows: T[], width?: number): Promise<TableSpec> {
  // plain loops: this runs once per cell of a 5,000-row listing in a process that never warms up
  const n = columns.length;
  const kinds = columns.map((c) => c.kind ?? 'text');
  // one flat array of cells, row after row: no array per row. A column repeats a few values
  // thousands of times (nodes, states, tag sets, sizes): each is formatted and escaped once.
  const cells = new Array<string>(rows.length * n);
  const seen = columns.map(() => new Map<unknown, string>());
  for (let r = 0, k = 0; r < rows.length; r++) {
    const row = rows[r]!;
    for (let c = 0; c < n; c++, k++) {
      const value = columns[c]!.value(row);
      const memo = seen[c]!;
      let text = memo.get(value);
      if (text === undefined) {
        text = humanCell(kinds[c]!, value);
        if (memo.size < MEMO_SIZE) memo.set(value, text);
      }
      cells[k] = text;
    }
  }
  const paint = await statusPainter(ctx.globals.color);
  return {
    headers: ctx.globals.headers ? columns.map((c) => c.header) : null,
    cells,
    align: columns.map(alignOf),
    shrinkable: columns.map(truncatable),
    // only a terminal gets truncated; a pipe or file gets every character
    maxWidth: ctx.io.stdoutTTY ? (width ?? ctx.io.columns) : undefined,
    paint: ctx.globals.color
      ? (col, row, text) => (kinds[col] === 'status' ? paint(text, columns[col]!.value(rows[row]!)) : text)
      : undefined,
  };
}
