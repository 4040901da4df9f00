// A table for a pipe or a file (no truncation, no colour: see table.ts) written straight into
// bytes: each cell is copied once into a buffer at its column, so there are no padding strings,
// no joined lines, and no string for the stream to encode again (issue 13: in `vm list` of 5,000
// guests that was ~100,000 short-lived strings, and GC was a quarter of its time).
// The output is byte for byte the UTF-8 of renderTableRows' text (test/output/table-bytes.test.ts).
import type { TableLayout, TableSpec } from './table.js';

const SPACE = 0x20;
const NEWLINE = 0x0a;
const GAP = 2;

/** Rows [from, to) as the UTF-8 of their lines, the header line first when from is 0. */
export function renderTableBytes(spec: TableSpec, layout: TableLayout, from: number, to: number): Buffer {
  const { widths, right } = layout;
  const n = widths.length;
  const last = n - 1;
  let line = 1; // the longest line, in UTF-16 units: every width, the gaps and the newline
  for (let c = 0; c < n; c++) line += widths[c]! + (c < last ? GAP : 0);
  const header = spec.headers !== null && from === 0;
  // a UTF-16 unit takes at most 3 bytes in UTF-8 (a surrogate pair: 4 for 2). Every byte up to
  // the end is written below (spaces too): filling 3x the table with spaces first cost ~8 ms.
  const buf = Buffer.allocUnsafe(n === 0 ? 0 : (to - from + (header ? 1 : 0)) * line * 3);
  let off = 0;
  for (let row = header ? from - 1 : from; row < to && n > 0; row++) {
    const cells = row < from ? spec.headers! : spec.cells;
    for (let c = 0, k = row < from ? 0 : row * n; c < n; c++, k++) {
      const text = cells[k]!;
      // the padding is in UTF-16 units, as renderTableRows counts it
      const room = widths[c]! - text.length;
      if (right[c]) off = spaces(buf, off, room);
      off = put(buf, text, off);
      if (c === last) buf[off++] = NEWLINE;
      else off = spaces(buf, off, right[c] ? GAP : room + GAP);
    }
  }
  return buf.subarray(0, off);
}

/**
 * The UTF-8 of text at off; returns the offset after it. Cells are short and nearly always ASCII:
 * copied a unit at a time, which V8 optimises within the first rows, instead of one Buffer#write
 * per cell (its checks and native call were ~12 ms of 45,000 cells). Any unit beyond ASCII hands
 * the whole cell to Buffer#write, which encodes it as Buffer.from(text) does.
 */
function put(buf: Buffer, text: string, off: number): number {
  const n = text.length;
  for (let j = 0; j < n; j++) {
    const unit = text.charCodeAt(j);
    if (unit >= 0x80) return off + buf.write(text, off, 'utf8');
    buf[off + j] = unit;
  }
  return off + n;
}

function spaces(buf: Buffer, off: number, count: number): number {
  for (let j = 0; j < count; j++) buf[off + j] = SPACE;
  return off + count;
}
