// The one printer: a command hands over rows (the JSON objects of the contract, raw units) and
// column definitions; -o picks the renderer. Everything goes to stdout in one write.
//
// An empty list is success. Like kubectl ("No resources found"), table, wide and tsv then print
// nothing at all on stdout, not even a header, and say so on stderr when it is a terminal (a
// script piping the output sees no chatter); json and yaml print an empty array.
import type { Context } from '../context.js';
import { statusPainter } from './color.js';
import { alignOf, selectColumns, truncatable } from './columns.js';
import { humanCell, rawCell } from './humanize.js';
import { renderJson } from './json.js';
import { safeLine } from './safe-text.js';
import { renderTable } from './table.js';
import { renderTsv } from './tsv.js';
import type { Column, ListView, ObjectView } from './types.js';

export async function printList<T>(ctx: Context, view: ListView<T>): Promise<void> {
  const out = await renderList(ctx, view);
  if (out) ctx.io.stdout.write(out);
  if (view.rows.length === 0 && ctx.io.stderrTTY && !isStructured(ctx)) ctx.info(view.empty ?? 'No resources found.');
}

export async function renderList<T>(ctx: Context, view: ListView<T>): Promise<string> {
  const { output } = ctx.globals;
  const columns = selectColumns(ctx, view.columns); // validates --columns for every format
  if (output === 'json') return renderJson(view.rows.map((r) => (view.json ? view.json(r) : r)));
  if (output === 'yaml') {
    const { renderYaml } = await import('./yaml.js');
    return renderYaml(view.rows.map((r) => (view.json ? view.json(r) : r)));
  }
  // each id once: `os list` has a row per source of one OS, and a script wants the names
  if (output === 'id') return [...new Set(view.rows.map((r) => rowId(view.id, r)))].map((id) => `${id}\n`).join('');
  if (view.rows.length === 0) return '';
  if (output === 'tsv') {
    return renderTsv(
      ctx.globals.headers ? columns.map((c) => c.id) : null,
      view.rows.map((r) => columns.map((c) => rawCell(c.value(r)))),
    );
  }
  return table(ctx, columns, view.rows);
}

export async function printObject<T>(ctx: Context, view: ObjectView<T>): Promise<void> {
  ctx.io.stdout.write(await renderObject(ctx, view));
}

export async function renderObject<T>(ctx: Context, view: ObjectView<T>): Promise<string> {
  const { output } = ctx.globals;
  const fields = selectColumns(ctx, view.fields);
  const data = view.json ? view.json(view.value) : view.value;
  if (output === 'json') return renderJson(data);
  if (output === 'yaml') {
    const { renderYaml } = await import('./yaml.js');
    return renderYaml(data);
  }
  if (output === 'id') return `${rowId(view.id, view.value)}\n`;
  if (output === 'tsv') {
    return renderTsv(ctx.globals.headers ? fields.map((c) => c.id) : null, [
      fields.map((c) => rawCell(c.value(view.value))),
    ]);
  }
  return keyValues(ctx, fields, view);
}

const isStructured = (ctx: Context) => ['json', 'yaml', 'id'].includes(ctx.globals.output);

function rowId<T>(id: ((row: T) => string | number) | undefined, row: T): string {
  const value = id ? id(row) : (row as { vmid?: unknown }).vmid;
  return value === undefined || value === null ? '' : safeLine(String(value));
}

/** Distinct values remembered per column: enough for the repeats, bounded for unique names. */
const MEMO_SIZE = 256;

async function table<T>(ctx: Context, columns: Column<T>[], rows: T[], width?: number): Promise<string> {
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
  return renderTable({
    headers: ctx.globals.headers ? columns.map((c) => c.header) : null,
    cells,
    align: columns.map(alignOf),
    shrinkable: columns.map(truncatable),
    // only a terminal gets truncated; a pipe or file gets every character
    maxWidth: ctx.io.stdoutTTY ? (width ?? ctx.io.columns) : undefined,
    paint: ctx.globals.color
      ? (col, row, text) => (kinds[col] === 'status' ? paint(text, columns[col]!.value(rows[row]!)) : text)
      : undefined,
  });
}

/** show on a table: "Key:  value" lines, then each section as an indented table. */
async function keyValues<T>(ctx: Context, fields: Column<T>[], view: ObjectView<T>): Promise<string> {
  const paint = await statusPainter(ctx.globals.color);
  const labels = fields.map((f) => `${f.header}:`);
  const pad = Math.max(0, ...labels.map((l) => l.length)) + 2;
  let out = '';
  fields.forEach((f, i) => {
    const raw = f.value(view.value);
    const text = humanCell(f.kind ?? 'text', raw);
    out += `${labels[i]!.padEnd(pad)}${f.kind === 'status' ? paint(text, raw) : text}\n`;
  });
  if (ctx.globals.columns?.length) return out; // picked fields only
  for (const section of view.sections ?? []) {
    const columns = section.view.columns.filter((c) => !c.hidden && (ctx.globals.output === 'wide' || !c.wide));
    if (section.view.rows.length === 0) {
      out += `\n${section.title}: ${section.view.empty ?? 'none'}\n`;
      continue;
    }
    const body = await table(
      { ...ctx, globals: { ...ctx.globals, headers: true } },
      columns,
      section.view.rows,
      ctx.io.columns - 2,
    );
    out += `\n${section.title}:\n${body.replace(/^(?=.)/gm, '  ')}`;
  }
  return out;
}
