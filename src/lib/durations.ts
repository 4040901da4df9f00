// Durations as users write them: "90s", "10m", "1h30m", "500ms"; a plain number is seconds.
// Every one is at least 1 ms and fits Node's timers.
import { UsageError } from '../errors.js';

/**
 * Node's setTimeout takes at most 2^31-1 ms (24.8 days); a longer delay fires after 1 ms instead
 * (with a TimeoutOverflowWarning), which made `--request-timeout 30d` fail every request at once.
 */
export const MAX_DURATION_MS = 2 ** 31 - 1;

const PART_RE = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;
const FACTOR: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `example` ends the message for a zero duration: what a sensible value for this flag looks like. */
export function parseDuration(input: string, flag = '--timeout', example = '90s or 10m'): number {
  const ms = parseDurationText(input, flag);
  // "0", "0s" or "0.0001s": no time to do anything in; --no-wait is how not to wait
  if (!(ms >= 1)) throw new UsageError(`${flag}: "${input}" must be longer than 0, e.g. ${example}`);
  if (!(ms <= MAX_DURATION_MS)) {
    throw new UsageError(`${flag}: "${input}" is too long; the most is 24d (${MAX_DURATION_MS} ms)`);
  }
  return ms;
}

function parseDurationText(input: string, flag: string): number {
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

/**
 * Seconds → "3d 4h", "5m 2s", "45s": the largest unit and the one just below it, even when that is
 * zero ("59d 0h", not "59d 37s", whose seconds would read as the next unit).
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return '-';
  // plain branches: a listing formats thousands of uptimes in a process that never warms up
  const whole = Math.floor(seconds);
  if (whole >= 86_400) return `${Math.floor(whole / 86_400)}d ${Math.floor((whole % 86_400) / 3_600)}h`;
  if (whole >= 3_600) return `${Math.floor(whole / 3_600)}h ${Math.floor((whole % 3_600) / 60)}m`;
  if (whole >= 60) return `${Math.floor(whole / 60)}m ${whole % 60}s`;
  return `${whole}s`;
}
