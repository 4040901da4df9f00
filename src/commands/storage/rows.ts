// Storages as pvectl shows them: storage.cfg (GET /storage) joined with each online node's view of
// usage (GET /nodes/{node}/storage); a shared storage once, a local one once per node.
import { unknownNode } from '../node/known.js';
import type { Context } from '../../context.js';
import type { PveClient } from '../../api/client.js';
import { listNodes } from '../../api/nodes.js';
import { nodeStorages, type StorageInfo } from '../../api/storage.js';
import { listStorageConfig } from '../../api/storage.js';
import { bool, str } from '../../lib/values.js';
import type { Column } from '../../output/types.js';

export interface StorageRow {
  storage: string;
  type: string;
  content: string[];
  shared: boolean;
  /** null for a shared storage (the same on every node) */
  node: string | null;
  total: number | null;
  used: number | null;
  avail: number | null;
  used_fraction: number | null;
  active: boolean;
  enabled: boolean;
}

export const STORAGE_COLUMNS: Column<StorageRow>[] = [
  { id: 'storage', header: 'STORAGE', value: (s) => s.storage },
  { id: 'type', header: 'TYPE', value: (s) => s.type },
  { id: 'content', header: 'CONTENT', value: (s) => s.content, kind: 'list' },
  { id: 'shared', header: 'SHARED', value: (s) => s.shared, kind: 'boolean' },
  { id: 'node', header: 'NODE', value: (s) => s.node ?? (s.shared ? 'all' : null) },
  { id: 'used', header: 'USED', value: (s) => s.used, kind: 'bytes' },
  { id: 'total', header: 'TOTAL', value: (s) => s.total, kind: 'bytes' },
  { id: 'used_fraction', header: 'USED%', value: (s) => s.used_fraction, kind: 'fraction' },
  { id: 'active', header: 'ACTIVE', value: (s) => s.active, kind: 'boolean' },
  { id: 'enabled', header: 'ENABLED', value: (s) => s.enabled, kind: 'boolean' },
  { id: 'avail', header: 'AVAIL', value: (s) => s.avail, kind: 'bytes', wide: true },
];

const listOf = (v: unknown) =>
  (str(v) ?? '')
    .split(/[,\s]+/)
    .filter(Boolean)
    .sort();

function row(cfg: Record<string, unknown>, node: string | null, st: StorageInfo | undefined): StorageRow {
  const total = st?.total ?? null;
  const used = st?.used ?? null;
  return {
    storage: str(cfg.storage) ?? '',
    type: str(cfg.type) ?? st?.type ?? '',
    content: listOf(cfg.content),
    shared: bool(cfg.shared) || (st?.shared ?? false),
    node,
    total,
    used,
    avail: st?.avail ?? null,
    used_fraction: used !== null && total ? used / total : null,
    active: st?.active ?? false,
    enabled: !bool(cfg.disable),
  };
}

export async function storageRows(ctx: Context, client: PveClient, onlyNode?: string): Promise<StorageRow[]> {
  const [config, nodes] = await Promise.all([listStorageConfig(client), listNodes(client)]);
  if (onlyNode && !nodes.some((n) => n.node === onlyNode)) throw unknownNode(client.region, onlyNode, nodes);
  const wanted = nodes.filter((n) => !onlyNode || n.node === onlyNode);
  for (const n of wanted.filter((x) => x.status !== 'online'))
    ctx.warn(`node ${n.node} is offline: its storages are not shown`);
  const online = wanted.filter((n) => n.status === 'online').map((n) => n.node);
  const views = new Map(await Promise.all(online.map(async (n) => [n, await nodeStorages(client, n)] as const)));
  const rows: StorageRow[] = [];
  for (const cfg of config) {
    const name = str(cfg.storage) ?? '';
    // `nodes` in storage.cfg restricts a storage to some nodes
    const allowed = (n: string) => !cfg.nodes || listOf(cfg.nodes).includes(n);
    const seen = online.filter(allowed).map((n) => ({ n, st: views.get(n)?.find((s) => s.storage === name) }));
    if (bool(cfg.shared) || seen.some((x) => x.st?.shared)) {
      rows.push(row(cfg, null, seen.find((x) => x.st)?.st));
    } else {
      for (const { n, st } of seen) rows.push(row(cfg, n, st));
    }
  }
  return rows;
}
