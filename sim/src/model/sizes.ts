// Disk-size strings (`32G`, `528K`, `+10G`) and property strings (`virtio=…,bridge=vmbr0`).

const UNITS: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

export function parseSize(s: string, defaultUnit = ''): number | null {
  const m = /^(\d+(?:\.\d+)?)([KMGT]?)$/.exec(s.trim());
  if (!m) return null;
  return Math.round(Number(m[1]) * (UNITS[m[2] || defaultUnit] ?? 1));
}

// PVE writes the largest unit that divides the size evenly.
export function formatSize(bytes: number): string {
  for (const u of ['T', 'G', 'M', 'K'] as const) {
    const f = UNITS[u] ?? 1;
    if (bytes >= f && bytes % f === 0) return `${bytes / f}${u}`;
  }
  return String(bytes);
}

export type Props = Map<string, string>;

export function parseProps(s: string, defaultKey?: string): Props {
  const out: Props = new Map();
  for (const part of s.split(',')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) {
      if (defaultKey && !out.has(defaultKey)) out.set(defaultKey, part);
      else out.set(part, '1');
    } else out.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return out;
}

export function formatProps(p: Props, defaultKey?: string): string {
  const parts: string[] = [];
  for (const [k, v] of p) parts.push(k === defaultKey ? v : `${k}=${v}`);
  return parts.join(',');
}

export const DISK_KEY = /^(?:scsi\d+|virtio\d+|sata\d+|ide\d+|efidisk0|tpmstate0|rootfs|mp\d+)$/;

export function isDiskKey(key: string): boolean {
  return DISK_KEY.test(key);
}

// Tags: split on , ; or space, lower-case, sort, dedupe, join with `;` (QUIRKS C5).
export function normalizeTags(s: string): string {
  const tags = s
    .split(/[;,\s]+/)
    .map((t) => t.toLowerCase())
    .filter(Boolean);
  return [...new Set(tags)].sort().join(';');
}

export function splitList(s: unknown): string[] {
  return String(s ?? '')
    .split(/[;,\s]+/)
    .filter(Boolean);
}
