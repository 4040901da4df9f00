// Borderless aligned columns, two spaces apart, no trailing blanks. Written by hand rather than
// with cli-table3: laying out 5,000 rows took cli-table3 ~4 s (measured), this takes a few ms.
// Widths count UTF-16 units: names, nodes and tags in Proxmox are ASCII by their own rules.

export interface TableSpec {
  /** null: --no-headers */
  headers: string[] | null;
  rows: string[][];
  align: Array<'left' | 'right'>;
  /** which columns may be cut short to fit maxWidth */
  shrinkable: boolean[];
  /** the terminal width; undefined: never truncate (stdout is not a TTY) */
  maxWidth?: number;
  /** colour a cell's text (after truncation, before padding) */
  paint?: (col: number, row: number, text: string) => string;
}

const GAP = '  ';
const MIN_WIDTH = 5;

export function renderTable(spec: TableSpec): string {
  const n = spec.align.length;
  const widths = new Array<number>(n).fill(0);
  const all = spec.headers ? [spec.headers, ...spec.rows] : spec.rows;
  for (const cells of all) {
    for (let i = 0; i < n; i++) if (cells[i]!.length > widths[i]!) widths[i] = cells[i]!.length;
  }
  if (spec.maxWidth !== undefined) shrink(widths, spec);

  const right = spec.align.map((a) => a === 'right');
  const blanks = spaces(Math.max(0, ...widths));
  let out = '';
  for (let r = 0; r < all.length; r++) {
    const cells = all[r]!;
    const row = spec.headers ? r - 1 : r; // -1: the header, never painted
    for (let i = 0; i < n; i++) {
      const width = widths[i]!;
      let text = cells[i]!;
      if (text.length > width) text = width > 1 ? `${text.slice(0, width - 1)}…` : text.slice(0, width);
      const pad = blanks.slice(0, width - text.length);
      const shown = spec.paint && row >= 0 ? spec.paint(i, row, text) : text;
      if (right[i]) out += pad + shown;
      else out += i === n - 1 ? shown : shown + pad;
      out += i === n - 1 ? '\n' : GAP;
    }
  }
  return out;
}

const spaces = (n: number) => ' '.repeat(n);

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
