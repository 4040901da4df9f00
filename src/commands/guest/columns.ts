// How guests show in tables (vm/ct list and show). Column ids are the contract's JSON field
// names, so --columns, --sort and -o json speak the same words.
import type { Guest } from '../../api/guests.js';
import type { Column } from '../../output/types.js';

/** Fields --sort accepts: the guest object's own keys. */
export const GUEST_SORT_FIELDS = [
  'vmid',
  'name',
  'type',
  'node',
  'status',
  'cpus',
  'maxmem',
  'maxdisk',
  'mem',
  'disk',
  'cpu',
  'uptime',
  'tags',
  'template',
  'pool',
  'lock',
  'hastate',
  'region',
] as const;

const region: Column<Guest> = { id: 'region', header: 'REGION', value: (g) => g.region };

/** Templates are listed like the rest; their STATUS cell says "template" (they never run). */
export function guestColumns(multiRegion: boolean): Column<Guest>[] {
  return [
    ...(multiRegion ? [region] : []),
    { id: 'vmid', header: 'VMID', value: (g) => g.vmid, kind: 'number', align: 'left' },
    { id: 'name', header: 'NAME', value: (g) => g.name },
    { id: 'status', header: 'STATUS', value: (g) => (g.template ? 'template' : g.status), kind: 'status' },
    { id: 'node', header: 'NODE', value: (g) => g.node },
    { id: 'cpus', header: 'CPUS', value: (g) => g.cpus, kind: 'number' },
    { id: 'maxmem', header: 'MEMORY', value: (g) => g.maxmem, kind: 'bytes' },
    { id: 'maxdisk', header: 'DISK', value: (g) => g.maxdisk, kind: 'bytes' },
    { id: 'uptime', header: 'UPTIME', value: (g) => g.uptime, kind: 'duration' },
    { id: 'tags', header: 'TAGS', value: (g) => g.tags, kind: 'tags' },
    { id: 'cpu', header: 'CPU%', value: (g) => g.cpu, kind: 'fraction', wide: true },
    { id: 'mem', header: 'MEM USED', value: (g) => g.mem, kind: 'bytes', wide: true },
    { id: 'pool', header: 'POOL', value: (g) => g.pool, wide: true },
    { id: 'lock', header: 'LOCK', value: (g) => g.lock, wide: true },
    { id: 'hastate', header: 'HA', value: (g) => g.hastate, wide: true },
    { id: 'template', header: 'TEMPLATE', value: (g) => g.template, kind: 'boolean', wide: true },
    { id: 'type', header: 'TYPE', value: (g) => g.type, hidden: true },
    ...(multiRegion ? [] : [{ ...region, hidden: true }]),
  ];
}
