// A table for a pipe or a file is written straight into bytes (src/output/table-bytes.ts): they
// must be exactly the UTF-8 of the text renderTableRows makes, whatever the cells hold (text
// beyond ASCII counts in UTF-16 units for the padding, as there), and whichever rows are asked.
import { describe, expect, it } from 'vitest';
import { layoutTable, renderTableRows, tableRowCount, type TableSpec } from '../../src/output/table.js';
import { renderTableBytes } from '../../src/output/table-bytes.js';

const TEXTS = [
  'web-1',
  '',
  'é',
  'naïve café',
  '日本語',
  'emoji 😀 x',
  '-',
  '1.0 GiB',
  'x'.repeat(30),
  '\\x1b]0;t\\x07',
  // beyond ASCII late in a cell, latin1-only units, DEL and NUL
  'abcdefé',
  'ÿ\xa0',
  '\x7f\x00',
];

function spec(rows: number, align: Array<'left' | 'right'>, headers: boolean): TableSpec {
  const n = align.length;
  const cells = Array.from({ length: rows * n }, (_, k) => TEXTS[(k * 7 + (k % 3)) % TEXTS.length]!);
  return {
    headers: headers ? align.map((_, c) => ['VMID', 'NAME', 'MEMORY', 'TAGS'][c % 4]!) : null,
    cells,
    align,
    shrinkable: align.map(() => true),
  };
}

describe('table bytes', () => {
  it.each([
    [['left', 'left', 'right', 'left']],
    [['right', 'left', 'right', 'right']],
    [['left']],
    [['right']],
  ] as Array<[Array<'left' | 'right'>]>)('%j: the UTF-8 of the text, every slice of rows', (align) => {
    for (const headers of [true, false]) {
      const s = spec(23, align, headers);
      const layout = layoutTable(s);
      const count = tableRowCount(s);
      for (const [from, to] of [
        [0, count],
        [0, 1],
        [5, 9],
        [22, 23],
        [3, 3],
      ] as const) {
        const bytes = renderTableBytes(s, layout, from, to);
        expect(bytes.toString('utf8'), `${headers} ${from}-${to}`).toBe(renderTableRows(s, layout, from, to));
        expect(bytes.equals(Buffer.from(renderTableRows(s, layout, from, to), 'utf8'))).toBe(true);
      }
    }
  });

  it('a lone surrogate (a JSON "\\ud800" in a name) is encoded as the stream would encode the text', () => {
    const texts = ['x\ud800y', '\ud83d', 'a\udc00', 'ok'];
    for (const align of [
      ['left', 'right'],
      ['right', 'left'],
    ] as Array<Array<'left' | 'right'>>) {
      const s: TableSpec = {
        headers: ['A', 'B'],
        cells: texts.flatMap((t) => [t, 'web']),
        align,
        shrinkable: [true, true],
      };
      const layout = layoutTable(s);
      const bytes = renderTableBytes(s, layout, 0, tableRowCount(s));
      expect(bytes.equals(Buffer.from(renderTableRows(s, layout, 0, tableRowCount(s)), 'utf8'))).toBe(true);
    }
  });

  it('no trailing blanks; right-aligned cells padded before their text', () => {
    const s: TableSpec = {
      headers: ['A', 'B'],
      cells: ['x', '1', 'long', '22'],
      align: ['left', 'right'],
      shrinkable: [],
    };
    expect(renderTableBytes(s, layoutTable(s), 0, 2).toString()).toBe('A      B\nx      1\nlong  22\n');
  });
});
