// Named `format` dispatch with pve-common's generic suffix rules: `<name>-list` is a list of
// <name> items (split on `,` `;` whitespace, or NUL), `<name>-opt` may be empty. Formats we do
// not implement are accepted, and remembered in `unknownFormats` for whoever wants to know.
import { hashFormats } from './format-hash.js';
import { netFormats } from './format-net.js';
import { pveFormats } from './format-pve.js';
import { parsePropertyString } from './property-string.js';
import type { FormatMap } from './types.js';

/** Named formats met during validation that have no implementation (accepted as any string). */
export const unknownFormats = new Set<string>();

const checks: Record<string, (v: string) => string | null> = { ...netFormats, ...pveFormats };

/** PVE::Tools::split_list. */
export function splitList(text: string): string[] {
  if (text.includes('\0')) {
    const parts = text.split('\0');
    while (parts.length && parts[parts.length - 1] === '') parts.pop();
    return parts;
  }
  return text
    .replace(/[,;]/g, ' ')
    .replace(/^\s+/, '')
    .split(/\s+/)
    .filter((p) => p !== '');
}

interface Resolved {
  check?: (v: string) => string | null;
  hash?: FormatMap;
  kind?: string;
}
const resolved = new Map<string, Resolved>();

function resolve(format: string): Resolved {
  let r = resolved.get(format);
  if (!r) {
    const m = /^(.*?)(?:-(list|opt))?$/.exec(format)!;
    const base = m[1]!;
    r = { check: checks[base], hash: m[2] ? undefined : hashFormats[base], kind: m[2] };
    resolved.set(format, r);
  }
  return r;
}

/** True when this validator implements the named format (including -list/-opt variants). */
export function isKnownFormat(format: string): boolean {
  const r = resolve(format);
  return format === 'regex' || !!(r.check ?? r.hash);
}

/**
 * Checks `value` against a named or inline format. Returns null when fine, else the text that
 * follows "invalid format - " in PVE's message (ending in "\n", as Perl's die texts do).
 */
export function checkFormat(format: string | FormatMap, value: string, path: string): string | null {
  if (typeof format !== 'string') return parsePropertyString(format, value, path);
  if (format === 'regex') return null; // PVE only checks that the pattern compiles
  const { check, hash, kind } = resolve(format);
  if (hash) return parsePropertyString(hash, value, path);
  if (!check) {
    unknownFormats.add(format);
    return null;
  }
  if (kind === 'list') {
    for (const item of splitList(value)) {
      const err = check(item);
      if (err) return err + '\n';
    }
    return null;
  }
  if (kind === 'opt' && (value === '' || value === '0')) return null; // Perl: `if $value`
  const err = check(value);
  return err ? err + '\n' : null;
}
