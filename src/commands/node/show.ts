// node show NODE: the node's entry from /cluster/resources (which also gives the guest counts),
// then, only when it is online (QUIRKS C1: never call /nodes/{offline}/…), its status and storages.
import { unknownNode } from './known.js';
import type { Context } from '../../context.js';
import { getResources } from '../../api/cluster.js';
import { nodeStatus, toNode, type NodeRow, type NodeStatus } from '../../api/nodes.js';
import { nodeStorages, type StorageInfo } from '../../api/storage.js';
import { formatBytes, formatFraction } from '../../output/humanize.js';
import { checkColumns } from '../../output/columns.js';
import { printObject } from '../../output/print.js';
import type { Column } from '../../output/types.js';

export interface NodeShowOptions {
  node: string;
}

interface NodeDetail extends NodeRow, Omit<NodeStatus, 'cpuinfo'> {
  cpuinfo: NodeStatus['cpuinfo'] | null;
  guests: { qemu: number; lxc: number; running: number; templates: number };
  storages: StorageInfo[];
}

export async function run(ctx: Context, opts: NodeShowOptions): Promise<void> {
  checkColumns(ctx, FIELDS);
  const client = await ctx.client(await ctx.region());
  const resources = await getResources(client);
  const entry = resources.find((r) => r.type === 'node' && r.node === opts.node);
  if (!entry)
    throw unknownNode(
      client.region,
      opts.node,
      resources.filter((r) => r.type === 'node'),
    );
  const node = toNode(entry, client.region);
  const guests = resources.filter((r) => (r.type === 'qemu' || r.type === 'lxc') && r.node === opts.node);
  const [status, storages] =
    node.status === 'online'
      ? await Promise.all([nodeStatus(client, opts.node), nodeStorages(client, opts.node)])
      : [null, []];

  const detail: NodeDetail = {
    ...node,
    pveversion: status?.pveversion ?? null,
    kernel: status?.kernel ?? null,
    loadavg: status?.loadavg ?? [],
    cpuinfo: status?.cpuinfo ?? null,
    guests: {
      qemu: guests.filter((g) => g.type === 'qemu').length,
      lxc: guests.filter((g) => g.type === 'lxc').length,
      running: guests.filter((g) => g.status === 'running').length,
      templates: guests.filter((g) => g.template === 1 || g.template === '1').length,
    },
    storages,
  };
  await printObject(ctx, {
    value: detail,
    fields: FIELDS,
    id: (n) => n.node,
    sections: [{ title: 'Storages', view: { rows: storages, columns: STORAGE_COLUMNS } }],
  });
}

const usage = (used: number | null, total: number | null): string | null => {
  if (used === null || total === null) return null;
  return `${formatBytes(used)} of ${formatBytes(total)} (${total ? formatFraction(used / total) : '-'})`;
};

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

const FIELDS: Column<NodeDetail>[] = [
  { id: 'node', header: 'Node', value: (n) => n.node },
  { id: 'status', header: 'Status', value: (n) => n.status, kind: 'status' },
  {
    id: 'cpu',
    header: 'CPU',
    value: (n) => (n.cpu === null ? null : `${formatFraction(n.cpu)} of ${n.maxcpu ?? '?'} CPUs`),
  },
  { id: 'loadavg', header: 'Load average', value: (n) => n.loadavg.map((l) => l.toFixed(2)).join(' ') },
  { id: 'mem', header: 'Memory', value: (n) => usage(n.mem, n.maxmem) },
  { id: 'disk', header: 'Root disk', value: (n) => usage(n.disk, n.maxdisk) },
  { id: 'uptime', header: 'Uptime', value: (n) => n.uptime, kind: 'duration' },
  { id: 'pveversion', header: 'Version', value: (n) => n.pveversion },
  { id: 'kernel', header: 'Kernel', value: (n) => n.kernel },
  {
    id: 'cpuinfo',
    header: 'CPU model',
    value: (n) =>
      n.cpuinfo?.model
        ? `${n.cpuinfo.model} (${n.cpuinfo.sockets ?? '?'} socket, ${n.cpuinfo.cpus ?? '?'} threads)`
        : null,
  },
  {
    id: 'guests',
    header: 'Guests',
    value: ({ guests: g }) =>
      `${count(g.qemu, 'VM')} (${count(g.templates, 'template')}), ${count(g.lxc, 'CT')}; ${g.running} running`,
  },
  { id: 'region', header: 'Region', value: (n) => n.region },
];

const STORAGE_COLUMNS: Column<StorageInfo>[] = [
  { id: 'storage', header: 'STORAGE', value: (s) => s.storage },
  { id: 'type', header: 'TYPE', value: (s) => s.type },
  { id: 'content', header: 'CONTENT', value: (s) => s.content, kind: 'tags' },
  { id: 'shared', header: 'SHARED', value: (s) => s.shared, kind: 'boolean' },
  { id: 'active', header: 'ACTIVE', value: (s) => s.active, kind: 'boolean' },
  { id: 'used', header: 'USED', value: (s) => s.used, kind: 'bytes' },
  { id: 'total', header: 'TOTAL', value: (s) => s.total, kind: 'bytes' },
  {
    id: 'usedpct',
    header: 'USE%',
    value: (s) => (s.used !== null && s.total ? s.used / s.total : null),
    kind: 'fraction',
  },
];
