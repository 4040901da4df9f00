// The one printer: a command hands over rows (the JSON objects of the contract, raw units) and
// column definitions; -o picks the renderer. A list goes to stdout a few hundred rows at a time
// (list-chunks.ts), waiting for a full pipe; an object in one write.
//
// An empty list is success. Like kubectl ("No resources found"), table, wide and tsv then print
// nothing at all on stdout, not even a header, and say so on stderr when it is a terminal (a
// script piping the output sees no chatter); json and yaml print an empty array.
import type { Context } from '../context.js';
import { statusPainter } from './color.js';
import { selectColumns } from './columns.js';
import { humanCell, rawCell } from './humanize.js';
import { renderJson } from './json.js';
import { listChunks, rowId, tableSpec } from './list-chunks.js';
import { renderTable } from './table.js';
import { renderTsv } from './tsv.js';
import type { Column, ListView, ObjectView } from './types.js';
import { writeOut } from './write-out.js';

export async function printList<T>(ctx: Context, view: ListView<T>): Promise<void> {
  for await (const chunk of listChunks(ctx, view)) if (chunk.length && !(await writeOut(ctx.io.stdout, chunk))) return;
  if (view.rows.length === 0 && ctx.io.stderrTTY && !isStructured(ctx)) ctx.info(view.empty ?? 'No resources found.');
}

export async function renderList<T>(ctx: Context, view: ListView<T>): Promise<string> {
  let out = '';
  for await (const chunk of listChunks(ctx, view)) out += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
  return out;
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
    const body = renderTable(
      await tableSpec(
        { ...ctx, globals: { ...ctx.globals, headers: true } },
        columns,
        section.view.rows,
        ctx.io.columns - 2,
      ),
    );
    out += `\n${section.title}:\n${body.replace(/^(?=.)/gm, '  ')}`;
  }
  return out;
}
