// Borderless aligned columns, two spaces apart, no trailing blanks. Written by hand rather than
// with cli-table3: laying out 5,000 rows took cli-table3 ~4 s (measured), this takes a few ms.
// Widths count UTF-16 units: names, nodes and tags in Proxmox are ASCII by their own rules.
// The cells come in one flat array, row after row (no array per row), and padding comes from
// strings made once (no slice per cell): issue 13 found GC a quarter of `vm list`'s time.

export interface TableSpec {
  /** null: --no-headers */
  headers: string[] | null;
  /** every row's cells, row after row: cell (row r, column c) is cells[r * columns + c] */
  cells: string[];
  align: Array<'left' | 'right'>;
  /** which columns may be cut short to fit maxWidth */
  shrinkable: boolean[];
  /** the terminal width; undefined: never truncate (stdout is not a TTY) */
  maxWidth?: number;
  /** each column's widest cell (headers included), when whoever made the cells counted it */
  widths?: number[];
  /** colour a cell's text (after truncation, before padding) */
  paint?: (col: number, row: number, text: string) => string;
}

const GAP = '  ';
const MIN_WIDTH = 5;

/** Column widths (after shrinking to the terminal) and what padding needs: computed once per table. */
export interface TableLayout {
  widths: number[];
  right: boolean[];
  /** pads[k] is k spaces; padsGap[k] is k spaces and the gap to the next column */
  pads: string[];
  padsGap: string[];
}

export function layoutTable(spec: TableSpec): TableLayout {
  const widths = spec.widths ? [...spec.widths] : measure(spec);
  if (spec.maxWidth !== undefined) shrink(widths, spec);
  const pads = padding(Math.max(0, ...widths));
  return { widths, right: spec.align.map((a) => a === 'right'), pads, padsGap: pads.map((p) => p + GAP) };
}

export const tableRowCount = (spec: TableSpec): number =>
  spec.align.length === 0 ? 0 : spec.cells.length / spec.align.length;

/** Rows [from, to) as lines, the header line first when from is 0. */
export function renderTableRows(spec: TableSpec, layout: TableLayout, from: number, to: number): string {
  const { headers, paint } = spec;
  const { widths, right, pads, padsGap } = layout;
  const n = spec.align.length;
  const last = n - 1;
  // one tight loop over the cells: this runs ~50,000 times for `vm list` in a process too
  // short-lived for the optimiser to help much. The pieces go into one array joined at the end:
  // `out +=` made a rope of ~100,000 short strings for GC to sweep, then flattened it.
  const parts: string[] = [];
  let p = 0;
  const first = headers && from === 0 ? from - 1 : from; // row -1: the header line
  for (let row = first; row < to; row++) {
    const cells = row < 0 ? headers! : spec.cells;
    const painting = paint !== undefined && row >= 0; // never the header
    for (let c = 0, k = row < 0 ? 0 : row * n; c < n; c++, k++) {
      const width = widths[c]!;
      let text = cells[k]!;
      if (text.length > width) text = width > 1 ? `${text.slice(0, width - 1)}…` : text.slice(0, width);
      const room = width - text.length;
      if (painting) text = paint(c, row, text);
      if (right[c]) {
        parts[p++] = pads[room]!;
        parts[p++] = text;
        parts[p++] = c === last ? '\n' : GAP;
      } else {
        parts[p++] = text;
        parts[p++] = c === last ? '\n' : padsGap[room]!;
      }
    }
  }
  return parts.join('');
}

export function renderTable(spec: TableSpec): string {
  return renderTableRows(spec, layoutTable(spec), 0, tableRowCount(spec));
}

function measure({ cells, headers, align }: TableSpec): number[] {
  const n = align.length;
  const widths = new Array<number>(n).fill(0);
  if (headers) for (let c = 0; c < n; c++) widths[c] = headers[c]!.length;
  for (let k = 0; k < cells.length; k++) {
    const c = k % n;
    if (cells[k]!.length > widths[c]!) widths[c] = cells[k]!.length;
  }
  return widths;
}

function padding(max: number): string[] {
  const pads = new Array<string>(max + 1);
  for (let k = 0; k <= max; k++) pads[k] = ' '.repeat(k);
  return pads;
}

/** Narrow the widest shrinkable column, one character at a time, until the table fits. */
function shrink(widths: number[], spec: TableSpec): void {
  const total = () => widths.reduce((a, b) => a + b, 0) + GAP.length * (widths.length - 1);
  const floor = widths.map((_, i) => Math.max(MIN_WIDTH, spec.headers?.[i]?.length ?? 0));
  let excess = total() - spec.maxWidth!;
  while (excess > 0) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) {
      if (spec.shrinkable[i] && widths[i]! > floor[i]! && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
    }
    if (widest < 0) return; // nothing left to narrow: let the terminal wrap
    widths[widest]! -= 1;
    excess -= 1;
  }
}
