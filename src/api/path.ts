// Every API path pvectl sends is built or checked here. A `.` or `..` segment (raw or
// percent-encoded: URL parsers and reverse proxies decode `%2e`) would leave /api2/json with the
// token attached, e.g. to another service behind a proxy's path prefix: refused with exit 2.
import { UsageError } from '../errors.js';

/**
 * Builds an API path with every interpolated value URL-encoded:
 * apiPath`/nodes/${node}/tasks/${upid}/status` (UPIDs contain ':' '@' '!').
 */
export function apiPath(strings: TemplateStringsArray, ...values: Array<string | number>): string {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += encodeURIComponent(String(value)) + (strings[i + 1] ?? '');
  });
  return checkApiPath(out);
}

/** The path itself, or a UsageError when a segment is `.` or `..` once decoded (and re-decoded). */
export function checkApiPath(path: string): string {
  const bad = dotSegment(path);
  if (bad !== undefined) {
    throw new UsageError(
      `API path "${path}" has a "${bad}" segment; pvectl only sends paths inside /api2/json, ` +
        'without "." or ".." segments (raw or percent-encoded)',
    );
  }
  return path;
}

// WHATWG URLs treat "\" as "/" in https URLs; a decoded "%2f" is a separator to many proxies.
function dotSegment(path: string): string | undefined {
  let text = path;
  // decode until nothing changes: "%252e%252e" is ".." to a proxy that decodes twice
  for (let round = 0; round < 4; round++) {
    for (const segment of text.split(/[/\\]/)) if (segment === '.' || segment === '..') return segment;
    const next = decodeLoosely(text);
    if (next === text) return undefined;
    text = next;
  }
  return '%'; // encoded four times over: no real path is, and we cannot say where it leads
}

function decodeLoosely(text: string): string {
  return text.replace(/%[0-9a-f]{2}/gi, (m) => String.fromCharCode(parseInt(m.slice(1), 16)));
}

export type Params = Record<string, string | number | boolean | undefined | null>;

/** Proxmox wants booleans as 1/0; undefined and null are left out. */
export function encodeParams(params: Params | undefined): URLSearchParams {
  const out = new URLSearchParams();
  if (!params) return out;
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    out.append(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  return out;
}
