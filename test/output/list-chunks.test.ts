// A list is rendered and written a few hundred rows at a time (src/output/list-chunks.ts,
// write-out.ts): the pieces must join into exactly the one-piece output, and a reader that goes
// away (EPIPE) must stop the rendering instead of it running to the last row.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Context, OutputFormat } from '../../src/context.js';
import { renderJson } from '../../src/output/json.js';
import { tableSpec } from '../../src/output/list-chunks.js';
import { printList, renderList } from '../../src/output/print.js';
import { rememberSecret } from '../../src/output/redact.js';
import { renderTable } from '../../src/output/table.js';
import { renderTsv } from '../../src/output/tsv.js';
import type { Column } from '../../src/output/types.js';
import { fakeContext } from './fake-context.js';

interface Row {
  vmid: number;
  name: string;
  status: string;
  maxmem: number;
}
const rowsOf = (count: number): Row[] =>
  Array.from({ length: count }, (_, i) => ({
    vmid: 100 + i,
    name: `guest-${'x'.repeat(i % 17)}${i}`,
    status: i % 3 ? 'running' : 'stopped',
    maxmem: 2 ** (30 + (i % 3)),
  }));
const columns: Column<Row>[] = [
  { id: 'vmid', header: 'VMID', value: (r) => r.vmid, kind: 'number', align: 'left' },
  { id: 'name', header: 'NAME', value: (r) => r.name },
  { id: 'status', header: 'STATUS', value: (r) => r.status, kind: 'status' },
  { id: 'maxmem', header: 'MEMORY', value: (r) => r.maxmem, kind: 'bytes' },
];

describe('a list in pieces', () => {
  it.each([0, 1, 255, 256, 257, 1000])('%i rows: json, table and tsv as one piece would print them', async (n) => {
    const rows = rowsOf(n);
    const print = async (output: OutputFormat, tty = false) => {
      const { ctx, out } = fakeContext({ output, tty, width: 40 });
      await printList(ctx, { rows, columns });
      expect(await renderList(ctx, { rows, columns })).toBe(out.stdout);
      return { ctx, stdout: out.stdout };
    };
    expect((await print('json')).stdout).toBe(renderJson(rows));
    const table = await print('table');
    expect(table.stdout).toBe(n ? renderTable(await tableSpec(table.ctx, columns, rows)) : '');
    const tty = await print('table', true); // cut to 40 columns, coloured
    expect(tty.stdout).toBe(n ? renderTable(await tableSpec(tty.ctx, columns, rows)) : '');
    if (n) expect(tty.stdout).toContain('\u001b[');
    const tsv = rows.map((r) => [String(r.vmid), r.name, r.status, String(r.maxmem)]);
    expect((await print('tsv')).stdout).toBe(n ? renderTsv(['vmid', 'name', 'status', 'maxmem'], tsv) : '');
  });
});

/** A pipe whose reader takes the first piece and is then gone: every later write fails with EPIPE. */
function pipeClosedAfterFirstWrite() {
  const writes: string[] = [];
  const stream = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _enc, done) {
      writes.push(chunk.toString());
      done(writes.length === 1 ? null : Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    },
  });
  stream.on('error', () => {}); // main's handler ends the process here; this test only looks
  return { stream, writes };
}

describe('a reader that goes away', () => {
  it.each(['table', 'json', 'tsv'] as const)('-o %s: rendering stops at the failed write', async (output) => {
    const rows = rowsOf(5000); // ~20 pieces
    const { ctx } = fakeContext({ output });
    const { stream, writes } = pipeClosedAfterFirstWrite();
    await printList({ ...ctx, io: { ...ctx.io, stdout: stream } } as Context, { rows, columns });
    // the first piece was taken, the second failed, and nothing more was rendered or written
    expect(writes).toHaveLength(2);
    expect(writes[0]!.split('\n')[1]).toMatch(output === 'json' ? /^ {2}\{$/ : /^100\s+guest-0\s/);
  });

  it('a pipe that asks to wait gets the rest once it has drained, all of it', async () => {
    const rows = rowsOf(1000);
    const { ctx, out } = fakeContext({ output: 'json' });
    let taken = '';
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done) {
        taken += chunk.toString();
        setImmediate(done);
      },
    });
    await printList({ ...ctx, io: { ...ctx.io, stdout: slow } } as Context, { rows, columns });
    expect(taken).toBe(renderJson(rows));
    expect(out.stderr).toBe('');
  });

  it('printList returns only once the stream has taken the last piece (the process may end then)', async () => {
    const { ctx } = fakeContext({ output: 'json' });
    const held: Array<() => void> = [];
    let taken = '';
    const stalled = new Writable({
      write(chunk: Buffer, _enc, done) {
        taken += chunk.toString();
        held.push(() => done());
      },
    });
    let returned = false;
    const printing = printList({ ...ctx, io: { ...ctx.io, stdout: stalled } } as Context, {
      rows: rowsOf(300), // two pieces and the closing bracket
      columns,
    }).then(() => (returned = true));
    const turns = async () => {
      for (let i = 0; i < 5; i++) await new Promise(setImmediate);
    };
    for (let piece = 1; piece <= 3; piece++) {
      await turns();
      expect({ piece, returned, written: held.length }).toEqual({ piece, returned: false, written: piece });
      held[piece - 1]!();
    }
    await printing;
    expect(taken).toBe(renderJson(rowsOf(300)));
  });
});

describe('a table for a pipe, written as bytes', () => {
  it('reaches a stream as the UTF-8 of the table, text from the cluster escaped and secrets masked', async () => {
    const secret = 'f3b1c2d4-0000-4000-8000-123456789abc';
    rememberSecret(secret);
    const hostile = ['x\u001b]0;owned\u0007y', 'bidi\u202egnp.exe', 'tab\there', 'two\nlines', 'café 日本', secret];
    const rows = rowsOf(600).map((r, i) => ({ ...r, name: hostile[i % hostile.length]!, tags: ['a\u001b[2J', 'é'] }));
    const cols: Column<(typeof rows)[number]>[] = [
      ...columns,
      { id: 'tags', header: 'TAGS', value: (r) => r.tags, kind: 'tags' },
    ];
    const { ctx } = fakeContext({ output: 'table' });
    const chunks: Buffer[] = [];
    const pipe = new Writable({
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk);
        done();
      },
    });
    await printList({ ...ctx, io: { ...ctx.io, stdout: pipe } } as Context, { rows, columns: cols });
    const bytes = Buffer.concat(chunks);
    expect(bytes.equals(Buffer.from(renderTable(await tableSpec(ctx, cols, rows)), 'utf8'))).toBe(true);
    const text = bytes.toString('utf8');
    expect(text).toContain('x\\x1b]0;owned\\x07y');
    expect(text).toContain('bidi\\u202egnp.exe');
    expect(text).toContain('tab\\x09here');
    expect(text).toContain('a\\x1b[2J,é');
    expect(text).toContain('café 日本');
    expect(text).toContain('***');
    expect(text).not.toContain(secret);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u202e]/);
    expect(text.split('\n')).toHaveLength(602); // the header, 600 rows and the end
  });
});

describe('json for a pipe, written as bytes', () => {
  it('is JSON.stringify of the rows, with a secret in text from the cluster masked', async () => {
    const secret = 'a1b2c3d4-1111-4222-8333-444455556666';
    rememberSecret(secret);
    const rows = rowsOf(700).map((r, i) => (i % 100 === 7 ? { ...r, name: `leak-${secret}-é` } : r));
    const { ctx } = fakeContext({ output: 'json' });
    const chunks: Buffer[] = [];
    const pipe = new Writable({
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk);
        done();
      },
    });
    await printList({ ...ctx, io: { ...ctx.io, stdout: pipe } } as Context, { rows, columns });
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text).not.toContain(secret);
    expect(text).toBe(renderJson(rows).split(secret).join('***'));
    expect(chunks.length).toBeGreaterThan(3); // in pieces
  });
});
