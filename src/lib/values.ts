// Tolerant readers for what Proxmox actually sends (QUIRKS B1–B4, C3, C5): numbers as strings or
// in exponent form, booleans as 0/1/"1"/true/"", tags joined with ';'.

export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

export function bool(v: unknown): boolean {
  return v === 1 || v === true || v === '1';
}

export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

export function splitTags(v: unknown): string[] {
  if (typeof v !== 'string') return [];
  return v.split(/[;,\s]+/).filter(Boolean);
}

/** Property strings such as "virtio=BC:24:11:2E:C5:4A,bridge=vmbr0" → key/value map. */
export function parsePropertyString(value: string, defaultKey?: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of value.split(',')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    if (eq < 0) {
      if (defaultKey) out[defaultKey] = part;
      else out[part] = '';
    } else {
      out[part.slice(0, eq)] = part.slice(eq + 1);
    }
  }
  return out;
}
