import { describe, expect, it } from 'vitest';
import { formatBytes, formatFraction, humanCell, rawCell } from '../../src/output/humanize.js';

describe('humanize', () => {
  it('formats bytes in binary units with one decimal', () => {
    expect([0, 512, 1024, 1536, 1073741824, 34359738368, 1099511627776 * 3.5, 1024 ** 2 - 1].map(formatBytes)).toEqual([
      '0 B',
      '512 B',
      '1.0 KiB',
      '1.5 KiB',
      '1.0 GiB',
      '32.0 GiB',
      '3.5 TiB',
      '1.0 MiB',
    ]);
  });

  it('formats fractions as whole percentages, a tiny load as <1%', () => {
    expect([0, 0.004, 0.005, 0.1234, 1, 2.5].map(formatFraction)).toEqual(['0%', '<1%', '1%', '12%', '100%', '250%']);
  });

  it('shows "-" for anything missing or not a number, never NaN', () => {
    for (const kind of ['text', 'number', 'bytes', 'duration', 'fraction', 'status', 'tags', 'time', 'list'] as const) {
      expect(humanCell(kind, null)).toBe('-');
      expect(humanCell(kind, undefined)).toBe('-');
      expect(humanCell(kind, Number.NaN)).toBe('-');
    }
    expect(humanCell('bytes', Number.POSITIVE_INFINITY)).toBe('-');
  });

  it('formats durations, tags, lists and booleans', () => {
    expect(humanCell('duration', 273_600)).toBe('3d 4h');
    expect(humanCell('duration', 0)).toBe('-');
    // the unit just below the largest, even at zero: "59d 37s" would read as 59 days 37 hours
    expect(humanCell('duration', 59 * 86_400 + 37)).toBe('59d 0h');
    expect(humanCell('duration', 3_600)).toBe('1h 0m');
    expect(humanCell('duration', 3_725)).toBe('1h 2m');
    expect(humanCell('duration', 302)).toBe('5m 2s');
    expect(humanCell('duration', 45.9)).toBe('45s');
    expect(humanCell('duration', 0.4)).toBe('0s');
    expect(humanCell('tags', ['prod', 'web'])).toBe('prod,web');
    expect(humanCell('tags', [])).toBe('-');
    expect(humanCell('list', ['a', 'b'])).toBe('a, b');
    expect(humanCell('text', true)).toBe('true');
    expect(humanCell('number', 0)).toBe('0');
    expect(humanCell('boolean', true)).toBe('yes');
    expect(humanCell('boolean', false)).toBe('no');
    expect(humanCell('text', 'line one\nline two\r\n')).toBe('line one line two');
  });

  it('keeps raw values for tsv: numbers, true/false, tags joined with commas, empty for missing', () => {
    expect([1073741824, 0.25, true, false, ['a', 'b'], null, undefined, 'a\tb\nc'].map(rawCell)).toEqual([
      '1073741824',
      '0.25',
      'true',
      'false',
      'a,b',
      '',
      '',
      'a b c',
    ]);
  });
});
