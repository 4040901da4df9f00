// Sizes as users write them: binary suffixes K M G T ("512M", "1G", "1.5G"); a plain number is
// in the flag's default unit (MiB for memory, GiB for disk). Results are bytes.
// Every result is finite and inside what Proxmox VE accepts: see the limits below.
import { UsageError } from '../errors.js';

const UNITS: Record<string, number> = { B: 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };
const SIZE_RE = /^(\d+(?:\.\d+)?)\s*([KMGT])?(?:i?B)?$/i;

/**
 * The largest size in bytes: 2^53 (8 PiB, "8192T"). The schema sets no maximum for disks (the
 * resize `size` of PUT /nodes/{node}/qemu/{vmid}/resize is only the pattern `\+?\d+(\.\d+)?[KMGT]?`),
 * but beyond 2^53 a byte count is no longer exact here, and a larger one would be printed in
 * exponent form ("1e+22T") that the pattern refuses.
 */
export const MAX_SIZE_BYTES = 2 ** 53;
/** apidoc.json: POST /nodes/{node}/qemu `memory` (current) and /nodes/{node}/lxc `memory`: minimum 16. */
export const MIN_MEMORY_MIB = 16;
/**
 * The schema has no maximum for memory; qemu-server caps a VM at 4 TiB
 * (src/PVE/QemuServer/Memory.pm, get_max_mem: `4 * 1024 * 1024` MiB). Containers get the same bound.
 */
export const MAX_MEMORY_MIB = 4 * 1024 * 1024;

export function parseSize(input: string, defaultUnit: 'M' | 'G', flag: string): number {
  const m = SIZE_RE.exec(input.trim());
  if (!m) {
    throw new UsageError(
      `${flag}: "${input}" is not a size; use a number with an optional K, M, G or T suffix (e.g. 512M, 1G, 1.5G)`,
    );
  }
  const bytes = Number(m[1]) * UNITS[(m[2] ?? defaultUnit).toUpperCase()]!;
  if (!(bytes > 0)) throw new UsageError(`${flag}: size must be greater than zero`);
  // also catches Infinity ("9999999999999999999999T" and longer)
  if (!(bytes <= MAX_SIZE_BYTES)) throw new UsageError(`${flag}: "${input}" is too large; the most is 8192T`);
  return Math.round(bytes);
}

/** Memory in whole MiB, from 16 MiB to 4 TiB (Proxmox's limits, above). */
export function parseMemoryMiB(input: string, flag = '--mem'): number {
  const mib = Math.round(parseSize(input, 'M', flag) / UNITS.M!);
  if (mib < MIN_MEMORY_MIB) throw new UsageError(`${flag}: "${input}" is less than the minimum of 16 MiB`);
  if (mib > MAX_MEMORY_MIB) throw new UsageError(`${flag}: "${input}" is more than the maximum of 4T (4194304 MiB)`);
  return mib;
}

/**
 * Disk size in GiB, at least 1, rounded up to whole MiB ("1.5G" → 1.5, "1.3G" → 1.33203125):
 * Proxmox takes fractional GiB for new volumes (`STORAGE:1.5`), and resizes in MiB (`1536M`).
 */
export function parseDiskGiB(input: string, flag = '--disk'): number {
  const mib = Math.ceil(parseSize(input, 'G', flag) / UNITS.M!);
  if (mib < 1024) throw new UsageError(`${flag}: "${input}" is less than the minimum of 1G`);
  return mib / 1024;
}

/** `--disk +SIZE` (grow by) or `SIZE` (grow to), as Proxmox's resize `size` parameter. */
export function parseDiskResize(input: string, flag = '--disk'): { grow: boolean; bytes: number; param: string } {
  const grow = input.startsWith('+');
  const bytes = parseSize(grow ? input.slice(1) : input, 'G', flag);
  return { grow, bytes, param: `${grow ? '+' : ''}${toProxmoxSize(bytes)}` };
}

/** Largest whole unit, as Proxmox writes sizes ("32G", "512M", "1536M"). */
export function toProxmoxSize(bytes: number): string {
  for (const unit of ['T', 'G', 'M', 'K'] as const) {
    const factor = UNITS[unit]!;
    if (bytes >= factor && bytes % factor === 0) return `${bytes / factor}${unit}`;
  }
  return `${Math.ceil(bytes / 1024)}K`;
}

/** Reads Proxmox size strings from configs ("32G", "528K", "4T") into bytes. */
export function proxmoxSizeToBytes(size: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([KMGT])?$/.exec(size.trim());
  if (!m) return undefined;
  return Math.round(Number(m[1]) * UNITS[m[2] ?? 'B']!);
}
