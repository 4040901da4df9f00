// What a guest costs under its region's price list. Like public clouds, a stopped guest pays for
// its disk only; a running one for its vCPUs, memory and disk as configured (maxcpu, maxmem,
// maxdisk), not for what it happens to use.
import type { Guest, GuestStatus } from '../../api/guests.js';
import type { Pricing } from '../../config/types.js';
import { clean } from '../../lib/money.js';

export const HOURS_PER_MONTH = 730;
const GiB = 1024 ** 3;

export interface CostRow {
  region: string;
  vmid: number;
  name: string;
  type: Guest['type'];
  status: GuestStatus;
  cpus: number | null;
  maxmem: number | null;
  maxdisk: number | null;
  /** null when the guest's size or state is unknown (its node is offline) */
  hourly: number | null;
  monthly: number | null;
  currency: string;
}

/**
 * A paused VM still holds its vCPUs and memory on the host, so it pays like a running one; a
 * suspended (hibernated) one has given them up and pays for its disk only, like a stopped one.
 */
const COMPUTE_BILLED: ReadonlySet<GuestStatus> = new Set(['running', 'paused']);

export function hourlyPrice(g: Pick<Guest, 'status' | 'cpus' | 'maxmem' | 'maxdisk'>, p: Pricing): number | null {
  if (g.status === 'unknown') return null;
  const disk = part(p.diskGiBHour, g.maxdisk, GiB);
  if (!COMPUTE_BILLED.has(g.status)) return disk;
  const cpu = part(p.cpuHour, g.cpus, 1);
  const mem = part(p.memGiBHour, g.maxmem, GiB);
  return cpu === null || mem === null || disk === null ? null : cpu + mem + disk;
}

/** A resource without a price costs nothing, whatever its size; a priced one of unknown size is unknown. */
function part(price: number | undefined, size: number | null, unit: number): number | null {
  if (!price) return 0;
  return size === null ? null : (size / unit) * price;
}

export function costRow(g: Guest, p: Pricing): CostRow {
  const hourly = hourlyPrice(g, p);
  return {
    region: g.region,
    vmid: g.vmid,
    name: g.name,
    type: g.type,
    status: g.status,
    cpus: g.cpus,
    maxmem: g.maxmem,
    maxdisk: g.maxdisk,
    hourly: hourly === null ? null : clean(hourly),
    monthly: hourly === null ? null : clean(hourly * HOURS_PER_MONTH),
    currency: p.currency,
  };
}

export interface Total {
  currency: string;
  hourly: number;
  monthly: number;
}

/** One total per currency (regions may price in different ones), by currency; unknown costs left out. */
export function totals(rows: CostRow[]): Total[] {
  const by = new Map<string, Total>();
  for (const r of rows) {
    if (r.hourly === null || r.monthly === null) continue;
    const t = by.get(r.currency) ?? { currency: r.currency, hourly: 0, monthly: 0 };
    t.hourly += r.hourly;
    t.monthly += r.monthly;
    by.set(r.currency, t);
  }
  return [...by.values()]
    .map((t) => ({ ...t, hourly: clean(t.hourly), monthly: clean(t.monthly) }))
    .sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
}
