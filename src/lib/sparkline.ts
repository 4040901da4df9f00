// A series as one line of Unicode block characters, scaled between its own minimum and maximum,
// and its summary. Missing points (null) are blanks and count for nothing.
const BARS = '▁▂▃▄▅▆▇█';

export interface Summary {
  min: number;
  avg: number;
  max: number;
  last: number;
}

export function summarize(values: Array<number | null>): Summary | null {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (xs.length === 0) return null;
  const sum = xs.reduce((a, b) => a + b, 0);
  return { min: Math.min(...xs), avg: sum / xs.length, max: Math.max(...xs), last: xs[xs.length - 1]! };
}

/** Averages consecutive points into at most `width` buckets (a bucket of only nulls stays null). */
export function downsample(values: Array<number | null>, width: number): Array<number | null> {
  if (values.length <= width) return values;
  const out: Array<number | null> = [];
  for (let i = 0; i < width; i++) {
    const part = values.slice(Math.floor((i * values.length) / width), Math.floor(((i + 1) * values.length) / width));
    const s = summarize(part);
    out.push(s ? s.avg : null);
  }
  return out;
}

export function sparkline(values: Array<number | null>, width = values.length): string {
  const points = downsample(values, width);
  const s = summarize(points);
  if (!s) return ' '.repeat(points.length);
  const span = s.max - s.min;
  return points
    .map((v) => {
      if (v === null) return ' ';
      if (span === 0) return BARS[0];
      return BARS[Math.min(BARS.length - 1, Math.floor(((v - s.min) / span) * BARS.length))];
    })
    .join('');
}
