// How nodes show in tables. Ids are the contract's field names; the percentages are derived
// for the table only (json carries the raw used/total numbers).
import type { NodeRow } from '../../api/nodes.js';
import type { Column } from '../../output/types.js';

const ratio = (used: number | null, total: number | null) => (used !== null && total ? used / total : null);

export function nodeColumns(multiRegion: boolean): Column<NodeRow>[] {
  const region: Column<NodeRow> = { id: 'region', header: 'REGION', value: (n) => n.region };
  return [
    ...(multiRegion ? [region] : []),
    { id: 'node', header: 'NODE', value: (n) => n.node },
    { id: 'status', header: 'STATUS', value: (n) => n.status, kind: 'status' },
    { id: 'maxcpu', header: 'CPUS', value: (n) => n.maxcpu, kind: 'number' },
    { id: 'cpu', header: 'CPU%', value: (n) => n.cpu, kind: 'fraction' },
    { id: 'maxmem', header: 'MEMORY', value: (n) => n.maxmem, kind: 'bytes' },
    { id: 'mempct', header: 'MEM%', value: (n) => ratio(n.mem, n.maxmem), kind: 'fraction' },
    { id: 'maxdisk', header: 'DISK', value: (n) => n.maxdisk, kind: 'bytes' },
    { id: 'diskpct', header: 'DISK%', value: (n) => ratio(n.disk, n.maxdisk), kind: 'fraction' },
    { id: 'uptime', header: 'UPTIME', value: (n) => n.uptime, kind: 'duration' },
    { id: 'mem', header: 'MEM USED', value: (n) => n.mem, kind: 'bytes', wide: true },
    { id: 'disk', header: 'DISK USED', value: (n) => n.disk, kind: 'bytes', wide: true },
    ...(multiRegion ? [] : [{ ...region, hidden: true }]),
  ];
}
