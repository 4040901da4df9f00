/**
 * Builds an API path with every interpolated value URL-encoded:
 * apiPath`/nodes/${node}/tasks/${upid}/status` (UPIDs contain ':' '@' '!').
 */
export function apiPath(strings: TemplateStringsArray, ...values: Array<string | number>): string {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += encodeURIComponent(String(value)) + (strings[i + 1] ?? '');
  });
  return out;
}

export type Params = Record<string, string | number | boolean | string[] | undefined | null>;

/** Proxmox wants booleans as 1/0; undefined and null are left out; an array is the key repeated. */
export function encodeParams(params: Params | undefined): URLSearchParams {
  const out = new URLSearchParams();
  if (!params) return out;
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const v of value) out.append(key, v);
      continue;
    }
    out.append(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  return out;
}
