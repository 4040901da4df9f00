// How `vm show` / `ct show` look as a table: key/value lines, then the IP addresses, the
// configuration and the pending changes. json/yaml print the GuestDetail object itself.
import type { Column, ListView } from '../../output/types.js';
import type { GuestDetail, PendingChange } from './show.js';

export const showFields: Column<GuestDetail>[] = [
  { id: 'vmid', header: 'VMID', value: (g) => g.vmid },
  { id: 'name', header: 'Name', value: (g) => g.name },
  { id: 'type', header: 'Type', value: (g) => g.type },
  { id: 'status', header: 'Status', value: (g) => g.status, kind: 'status' },
  { id: 'node', header: 'Node', value: (g) => g.node },
  { id: 'cpus', header: 'CPUs', value: (g) => g.cpus, kind: 'number' },
  { id: 'cpu', header: 'CPU usage', value: (g) => g.cpu, kind: 'fraction' },
  { id: 'maxmem', header: 'Memory', value: (g) => g.maxmem, kind: 'bytes' },
  { id: 'mem', header: 'Memory used', value: (g) => g.mem, kind: 'bytes' },
  { id: 'maxdisk', header: 'Disk', value: (g) => g.maxdisk, kind: 'bytes' },
  { id: 'uptime', header: 'Uptime', value: (g) => g.uptime, kind: 'duration' },
  { id: 'tags', header: 'Tags', value: (g) => g.tags, kind: 'tags' },
  { id: 'pool', header: 'Pool', value: (g) => g.pool },
  { id: 'lock', header: 'Lock', value: (g) => g.lock },
  { id: 'hastate', header: 'HA', value: (g) => g.hastate },
  { id: 'template', header: 'Template', value: (g) => g.template, kind: 'boolean' },
  { id: 'region', header: 'Region', value: (g) => g.region },
];

interface ConfigLine {
  key: string;
  value: unknown;
  pending: boolean;
}

export function showSections(g: GuestDetail): { title: string; view: ListView<any> }[] {
  const pendingKeys = new Set(g.pending.map((p) => p.key));
  const config: ListView<ConfigLine> = {
    rows: Object.keys(g.config ?? {})
      .sort()
      .map((key) => ({ key, value: g.config![key], pending: pendingKeys.has(key) })),
    columns: [
      { id: 'key', header: 'KEY', value: (l) => (l.pending ? `${l.key} *` : l.key) },
      { id: 'value', header: 'VALUE', value: (l) => l.value },
    ],
    empty: g.config === null ? 'not available' : 'none',
  };
  const pending: ListView<PendingChange> = {
    rows: g.pending,
    columns: [
      { id: 'key', header: 'KEY', value: (p) => p.key },
      { id: 'value', header: 'NOW', value: (p) => p.value },
      { id: 'pending', header: 'AFTER REBOOT', value: (p) => (p.delete ? '(deleted)' : p.pending) },
    ],
  };
  const ips: ListView<string> = {
    rows: g.ips,
    columns: [{ id: 'address', header: 'ADDRESS', value: (a) => a }],
    empty: g.status === 'running' ? 'none reported yet' : 'none',
  };
  return [
    { title: 'IP addresses', view: ips },
    { title: pendingKeys.size ? 'Configuration (* = changed at the next reboot)' : 'Configuration', view: config },
    { title: 'Pending changes', view: pending },
  ];
}
