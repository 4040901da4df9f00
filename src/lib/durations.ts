// Durations as users write them: "90s", "10m", "1h30m", "500ms"; a plain number is seconds.
import { UsageError } from '../errors.js';

const PART_RE = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;
const FACTOR: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseDuration(input: string, flag = '--timeout'): number {
  const text = input.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  let total = 0;
  let consumed = 0;
  for (const m of text.matchAll(PART_RE)) {
    if (m.index !== consumed) break;
    total += Number(m[1]) * FACTOR[m[2]!]!;
    consumed += m[0].length;
  }
  if (consumed !== text.length || text.length === 0) {
    throw new UsageError(`${flag}: "${input}" is not a duration; use e.g. 90s, 10m, 1h30m`);
  }
  return Math.round(total);
}

/** Seconds → "3d 4h", "5m 2s", "45s" (two largest units). */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return '-';
  const units: Array<[string, number]> = [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ];
  const parts: string[] = [];
  let rest = Math.floor(seconds);
  for (const [name, size] of units) {
    if (rest >= size || (parts.length === 0 && name === 's')) {
      parts.push(`${Math.floor(rest / size)}${name}`);
      rest %= size;
    }
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}
