// A guest as the contract shows it, read field by field from a raw /cluster/resources entry on
// demand. `vm list` of 5,000 guests spent as much on converting every entry (toGuest) as on
// parsing the answer, and the garbage of those objects was a quarter of its time: one cursor is
// moved over the entries instead, and a table only reads the fields of its columns. Each getter
// reads exactly what toGuest (src/api/guests.ts) reads; test/commands/list-fast-path.test.ts
// compares the two on every field, so they cannot drift.
import { toGuest, type Guest, type GuestKind, type GuestStatus } from '../../api/guests.js';
import type { RawResource } from '../../api/cluster.js';
import { bool, num, splitTags, str } from '../../lib/values.js';

/** The VMID toGuest gives the entry, or undefined for one it drops (no usable vmid or id). */
export function rawVmid(r: RawResource): number | undefined {
  return typeof r.vmid === 'number' && Number.isFinite(r.vmid)
    ? r.vmid
    : (num(r.vmid) ?? num(String(r.id ?? '').split('/')[1]));
}

// thousands of guests share a few tag sets ("prod;web"): split each once; the arrays are only read
const tagCache = new Map<string, string[]>();
function tagsOf(v: unknown): string[] {
  if (typeof v !== 'string') return [];
  let tags = tagCache.get(v);
  if (tags === undefined) {
    tags = splitTags(v);
    if (tagCache.size < 1024) tagCache.set(v, tags);
  }
  return tags;
}

// numbers arrive as numbers from Proxmox VE; num() handles the string forms (QUIRKS B1, B3)
export const numOrNull = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : (num(v) ?? null);
const textOrNull = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : (str(v) ?? null));

export class RawGuest implements Guest {
  entry: RawResource = {};
  region = '';
  vmid = 0;

  /** Points the cursor at an entry (with the VMID rawVmid gave it); returns itself. */
  at(entry: RawResource, vmid: number, region: string): this {
    this.entry = entry;
    this.vmid = vmid;
    this.region = region;
    return this;
  }

  /** The entry as an object of its own, for json and yaml. */
  toGuest(): Guest {
    return toGuest(this.entry, this.region)!;
  }

  /**
   * The same object, read through the getters: toGuest's keys in its order (so the same JSON), but
   * the tags come from the cache of split tag sets instead of a split per guest. For printing only:
   * a guest's tags array may be another's.
   */
  toJson(): Guest {
    return {
      vmid: this.vmid,
      name: this.name,
      type: this.type,
      node: this.node,
      status: this.status,
      cpus: this.cpus,
      maxmem: this.maxmem,
      maxdisk: this.maxdisk,
      mem: this.mem,
      disk: this.disk,
      cpu: this.cpu,
      uptime: this.uptime,
      tags: this.tags,
      template: this.template,
      pool: this.pool,
      lock: this.lock,
      hastate: this.hastate,
      region: this.region,
    };
  }

  get name(): string {
    return textOrNull(this.entry.name) ?? '';
  }
  get type(): GuestKind {
    return this.entry.type as GuestKind;
  }
  get node(): string {
    return textOrNull(this.entry.node) ?? '';
  }
  get status(): GuestStatus {
    switch (this.entry.status) {
      case 'running':
      case 'prelaunch':
      case 'suspending':
      case 'inmigrate':
      case 'postmigrate':
        return 'running';
      case 'stopped':
      case 'paused':
      case 'suspended':
        return this.entry.status;
      default:
        return 'unknown';
    }
  }
  get cpus(): number | null {
    return numOrNull(this.entry.maxcpu);
  }
  get maxmem(): number | null {
    return numOrNull(this.entry.maxmem);
  }
  get maxdisk(): number | null {
    return numOrNull(this.entry.maxdisk);
  }
  get mem(): number | null {
    return numOrNull(this.entry.mem);
  }
  get disk(): number | null {
    return numOrNull(this.entry.disk);
  }
  get cpu(): number | null {
    return numOrNull(this.entry.cpu);
  }
  get uptime(): number | null {
    return numOrNull(this.entry.uptime);
  }
  get tags(): string[] {
    return tagsOf(this.entry.tags);
  }
  get template(): boolean {
    return bool(this.entry.template);
  }
  get pool(): string | null {
    return textOrNull(this.entry.pool);
  }
  get lock(): string | null {
    return textOrNull(this.entry.lock);
  }
  get hastate(): string | null {
    return textOrNull(this.entry.hastate);
  }
}
