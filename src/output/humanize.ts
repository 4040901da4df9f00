// Cell text for tables (human units) and for tsv (raw values). A missing value is "-" in a table
// and empty in tsv; nothing here ever prints NaN. Text is shown safe (control characters escaped,
// secrets masked): these cells are what table, wide, tsv and show print.
import { formatDuration } from '../lib/durations.js';
import { safeLine } from './safe-text.js';
import type { ColumnKind } from './types.js';

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** 1073741824 → "1.0 GiB"; below 1 KiB whole bytes ("512 B"). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '-';
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  // 1023.96 MiB would round to "1024.0 MiB": say "1.0 GiB" instead
  if (unit > 0 && value.toFixed(1) === '1024.0' && unit < BYTE_UNITS.length - 1) {
    value = 1;
    unit += 1;
  }
  const sign = bytes < 0 ? '-' : '';
  return unit === 0 ? `${sign}${value} B` : `${sign}${value.toFixed(1)} ${BYTE_UNITS[unit]}`;
}

/** 0.1234 → "12%"; a non-zero load below 0.5% shows as "<1%" rather than a misleading "0%". */
export function formatFraction(fraction: number): string {
  if (!Number.isFinite(fraction)) return '-';
  const pct = fraction * 100;
  if (pct > 0 && pct < 0.5) return '<1%';
  return `${Math.round(pct)}%`;
}

/** Epoch seconds → local "2024-05-01 12:34:56". */
export function formatTime(epochSeconds: number): string {
  if (!Number.isFinite(epochSeconds) || epochSeconds <= 0) return '-';
  const d = new Date(epochSeconds * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ` +
    `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
  );
}

const isMissing = (v: unknown) =>
  v === null || v === undefined || v === '' || (typeof v === 'number' && !Number.isFinite(v));

/** What a table shows for a value of this kind. */
export function humanCell(kind: ColumnKind, value: unknown): string {
  if (isMissing(value)) return '-';
  const text = textCell(kind, value);
  // numbers are formatted by us; only text (from the cluster) can carry control characters
  return typeof value === 'number' ? text : safeLine(text);
}

function textCell(kind: ColumnKind, value: unknown): string {
  switch (kind) {
    case 'bytes':
      return typeof value === 'number' ? cachedBytes(value) : String(value);
    case 'fraction':
      return typeof value === 'number' ? formatFraction(value) : String(value);
    case 'duration':
      return typeof value === 'number' ? formatDuration(value) : String(value);
    case 'time':
      return typeof value === 'number' ? formatTime(value) : String(value);
    case 'tags':
      return Array.isArray(value) ? (value.length ? value.join(',') : '-') : String(value);
    case 'boolean':
      return typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
    case 'list':
      return Array.isArray(value) ? (value.length ? value.join(', ') : '-') : String(value);
    default:
      if (typeof value === 'number') return String(value);
      return oneLine(typeof value === 'string' ? value : plain(value, ', '));
  }
}

/** One cell, one line: a multi-line description must not break the table. */
function oneLine(s: string): string {
  return s.includes('\n') || s.includes('\r') ? s.replace(/\s*[\r\n]+\s*/g, ' ').trim() : s;
}

// Listings repeat a few sizes thousands of times (2 GiB, 32 GiB …): format each once.
const bytesCache = new Map<number, string>();
function cachedBytes(n: number): string {
  let s = bytesCache.get(n);
  if (s === undefined) {
    s = formatBytes(n);
    if (bytesCache.size < 4096) bytesCache.set(n, s);
  }
  return s;
}

/** What tsv carries: raw numbers, true/false, lists joined with ",", empty for missing. */
export function rawCell(value: unknown): string {
  if (isMissing(value)) return '';
  if (typeof value === 'number') return String(value);
  const s = typeof value === 'string' ? value : plain(value, ',');
  return safeLine(/[\t\r\n]/.test(s) ? s.replace(/[\t\r\n]+/g, ' ') : s);
}

function plain(value: unknown, joiner: string): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return value.map((v) => plain(v, joiner)).join(joiner);
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}
