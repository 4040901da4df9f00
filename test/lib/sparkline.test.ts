// Sparklines render as exact strings for fixed series (no screenshots needed).
import { describe, expect, it } from 'vitest';
import { downsample, sparkline, summarize } from '../../src/lib/sparkline.js';

describe('sparkline', () => {
  it('scales a series between its own minimum and maximum', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([7, 6, 5, 4, 3, 2, 1, 0])).toBe('█▇▆▅▄▃▂▁');
    expect(sparkline([10, 20, 10, 40])).toBe('▁▃▁█');
  });

  it('a flat series is a flat line; missing points are blanks; nothing is all blanks', () => {
    expect(sparkline([5, 5, 5])).toBe('▁▁▁');
    expect(sparkline([0, null, 8])).toBe('▁ █');
    expect(sparkline([null, null])).toBe('  ');
    expect(sparkline([])).toBe('');
  });

  it('averages into at most `width` buckets', () => {
    expect(downsample([1, 3, 5, 7, null, null], 3)).toEqual([2, 6, null]);
    expect(sparkline([0, 0, 4, 4, 8, 8], 3)).toBe('▁▅█');
  });

  it('summarizes min, average, max and the last point, ignoring nulls', () => {
    expect(summarize([2, null, 4, 6])).toEqual({ min: 2, avg: 4, max: 6, last: 6 });
    expect(summarize([null])).toBeNull();
  });
});
