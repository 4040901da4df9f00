// Guests as the contract shows them, read from /cluster/resources in one call (QUIRKS C1: guests
// on an offline node lack name and stats; C4: status may be a QMP state; C3/C5 flags and tags).
import type { PveClient } from './client.js';
import { getResources, type RawResource } from './cluster.js';
import { apiPath } from './path.js';
import { bool, num, splitTags, str } from '../lib/values.js';

export type GuestKind = 'qemu' | 'lxc';
export type GuestStatus = 'running' | 'stopped' | 'paused' | 'suspended' | 'unknown';

export interface Guest {
  vmid: number;
  name: string;
  type: GuestKind;
  node: string;
  status: GuestStatus;
  cpus: number | null;
  maxmem: number | null;
  maxdisk: number | null;
  mem: number | null;
  disk: number | null;
  cpu: number | null;
  uptime: number | null;
  tags: string[];
  template: boolean;
  pool: string | null;
  lock: string | null;
  hastate: string | null;
  region: string;
}

export async function listGuests(client: PveClient, kind?: GuestKind): Promise<Guest[]> {
  const raw = await getResources(client, 'vm');
  const guests: Guest[] = [];
  for (const r of raw) {
    if (r.type !== 'qemu' && r.type !== 'lxc') continue;
    if (kind && r.type !== kind) continue;
    const g = toGuest(r, client.region);
    if (g) guests.push(g);
  }
  return guests;
}

/**
 * Only the guests a lookup by VMID or name can match (and nameless ones), converted; every other entry is skipped raw
 * (converting 50,000 entries to find one cost more than parsing them). Order is the listing's.
 */
export async function findGuests(client: PveClient, refs: string[]): Promise<Guest[]> {
  const ids = new Set<number>();
  const names = new Set<string>();
  for (const ref of refs)
    if (/^\d+$/.test(ref)) ids.add(Number(ref));
    else names.add(ref);
  const raw = await getResources(client, 'vm');
  const guests: Guest[] = [];
  for (const r of raw) {
    if (r.type !== 'qemu' && r.type !== 'lxc') continue;
    // kept as well: an entry without a vmid field (its id decides) and nameless ones (QUIRKS C1: on
    // an offline node), which explain a name that matched nothing
    const nameless = r.name === undefined || r.name === '';
    const hit = nameless || r.vmid === undefined || ids.has(Number(r.vmid)) || names.has(String(r.name));
    if (!hit) continue;
    const g = toGuest(r, client.region);
    if (g && (!g.name || ids.has(g.vmid) || names.has(g.name))) guests.push(g);
  }
  return guests;
}

export function toGuest(r: RawResource, region: string): Guest | null {
  const vmid = num(r.vmid) ?? num(String(r.id ?? '').split('/')[1]);
  if (vmid === undefined) return null;
  return {
    vmid,
    name: str(r.name) ?? '',
    type: r.type as GuestKind,
    node: str(r.node) ?? '',
    status: guestStatus(r.status),
    cpus: num(r.maxcpu) ?? null,
    maxmem: num(r.maxmem) ?? null,
    maxdisk: num(r.maxdisk) ?? null,
    mem: num(r.mem) ?? null,
    disk: num(r.disk) ?? null,
    cpu: num(r.cpu) ?? null,
    uptime: num(r.uptime) ?? null,
    tags: splitTags(r.tags),
    template: bool(r.template),
    pool: str(r.pool) ?? null,
    lock: str(r.lock) ?? null,
    hastate: str(r.hastate) ?? null,
    region,
  };
}

function guestStatus(v: unknown): GuestStatus {
  switch (v) {
    case 'running':
    case 'stopped':
    case 'paused':
    case 'suspended':
      return v;
    case 'prelaunch':
    case 'suspending':
    case 'inmigrate':
    case 'postmigrate':
      return 'running';
    default:
      return 'unknown';
  }
}

/** Enough to address a guest's node-scoped calls. */
export interface GuestRef {
  node: string;
  type: GuestKind;
  vmid: number;
}

export function guestPath(g: GuestRef, suffix = ''): string {
  return apiPath`/nodes/${g.node}/${g.type}/${g.vmid}` + suffix;
}

export const kindLabel = (kind: GuestKind): string => (kind === 'qemu' ? 'VM' : 'CT');
