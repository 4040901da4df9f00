// A list in every -o format, rendered a few hundred rows at a time: `vm list | head -1` gets its
// first line without the rest being rendered first, and a reader that goes away stops the
// rendering (see write-out.ts). The pieces join into exactly the one-piece output.
import type { Context } from '../context.js';
import { statusPainter } from './color.js';
import { alignOf, selectColumns, truncatable } from './columns.js';
import { humanCell, rawCell } from './humanize.js';
import { redact } from './redact.js';
import { safeLine } from './safe-text.js';
import { layoutTable, renderTableRows, tableRowCount, type TableSpec } from './table.js';
import { renderTableBytes } from './table-bytes.js';
import { renderTsv } from './tsv.js';
import type { Column, ListView } from './types.js';

/** Rows per piece: ~35 KiB of a guest table, more than a pipe's write asks to wait after (16 KiB). */
const CHUNK_ROWS = 256;
/** Distinct values remembered per table column: enough for the repeats, bounded for unique names. */
const MEMO_SIZE = 256;

/** A piece: text, or (a table for a pipe or file) its UTF-8 bytes. */
export type Chunk = string | Buffer;

export async function* listChunks<T>(ctx: Context, view: ListView<T>): AsyncGenerator<Chunk> {
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
  // neither cut short nor coloured (not a terminal): straight into bytes
  const render = spec.paint === undefined && spec.maxWidth === undefined ? renderTableBytes : renderTableRows;
  for (let r = 0; r < count; r += CHUNK_ROWS) yield render(spec, layout, r, Math.min(count, r + CHUNK_ROWS));
}

/**
 * `JSON.stringify(rows, null, 2)` and a newline, a piece at a time, as UTF-8 bytes: each piece is
 * one stringify of its rows, "[\n  …\n]", copied once into bytes whose "[" becomes the "," between
 * pieces and whose "\n]" is left off. Text from the cluster is exact in JSON, but never a secret:
 * bytes pass the redacting writer by (write-out.ts), so each piece is redacted here.
 */
function* jsonChunks<T>(rows: T[], json: (r: T) => unknown): Generator<Chunk> {
  if (rows.length === 0) return yield '[]\n';
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
    const bytes = Buffer.from(redact(JSON.stringify(rows.slice(i, i + CHUNK_ROWS).map(json), null, 2)), 'utf8');
    if (i > 0) bytes[0] = COMMA;
    yield bytes.subarray(0, bytes.length - 2);
  }
  yield '\n]\n';
}

const COMMA = 0x2c;

export function rowId<T>(id: ((row: T) => string | number) | undefined, row: T): string {
  const value = id ? id(row) : (row as { vmid?: unknown }).vmid;
  return value === undefined || value === null ? '' : safeLine(String(value));
}

/** The cells of a table, humanised, with what renderTable needs to lay them out. */
export async function tableSpec<T>(ctx: Context, columns: Column<T>[], rows: T[], width?: number): Promise<TableSpec> {
  // plain loops: this runs once per cell of a 5,000-row listing in a process that never warms up
  const n = columns.length;
  const kinds = columns.map((c) => c.kind ?? 'text');
  // one flat array of cells, row after row: no array per row. It is filled a column at a time:
  // each loop then calls one function over and over, which V8 optimises soonest.
  const cells = new Array<string>(rows.length * n);
  const headers = ctx.globals.headers ? columns.map((c) => c.header) : null;
  // each column's width is counted as its cells are made: no second pass over them
  const widths = columns.map((c) => (headers ? c.header.length : 0));
  for (let c = 0; c < n; c++) {
    const { text, value } = columns[c]!;
    let width = widths[c]!;
    if (text) {
      // the command makes the cell itself (vm list: from the raw entry)
      for (let r = 0, k = c; r < rows.length; r++, k += n) {
        const cell = text(rows[r]!);
        cells[k] = cell;
        if (cell.length > width) width = cell.length;
      }
    } else {
      // a column repeats a few values thousands of times (nodes, states, sizes): each made once
      const memo = new Map<unknown, string>();
      const kind = kinds[c]!;
      for (let r = 0, k = c; r < rows.length; r++, k += n) {
        const v = value(rows[r]!);
        let cell = memo.get(v);
        if (cell === undefined) {
          cell = humanCell(kind, v);
          if (memo.size < MEMO_SIZE) memo.set(v, cell);
        }
        cells[k] = cell;
        if (cell.length > width) width = cell.length;
      }
    }
    widths[c] = width;
  }
  const paint = await statusPainter(ctx.globals.color);
  return {
    headers,
    cells,
    widths,
    align: columns.map(alignOf),
    shrinkable: columns.map(truncatable),
    // only a terminal gets truncated; a pipe or file gets every character
    maxWidth: ctx.io.stdoutTTY ? (width ?? ctx.io.columns) : undefined,
    paint: ctx.globals.color
      ? (col, row, text) => (kinds[col] === 'status' ? paint(text, columns[col]!.value(rows[row]!)) : text)
      : undefined,
  };
}
