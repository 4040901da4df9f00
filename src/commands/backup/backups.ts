// Every backup of the cluster: each online node's storages with `backup` content (a shared one,
// such as a Proxmox Backup Server, asked once), their volumes, and the guests' names.
import { unknownNode } from '../node/known.js';
import type { Context } from '../../context.js';
import type { PveClient } from '../../api/client.js';
import { listGuests } from '../../api/guests.js';
import { listNodes } from '../../api/nodes.js';
import { nodeStorages } from '../../api/storage.js';
import { listContent } from '../../api/storage.js';
import { NotFoundError } from '../../errors.js';
import { bool, num, str } from '../../lib/values.js';

export interface BackupRow {
  volid: string;
  vmid: number | null;
  /** the guest's name when it still exists */
  name: string | null;
  type: 'qemu' | 'lxc' | null;
  ctime: number | null;
  size: number | null;
  notes: string | null;
  protected: boolean;
  storage: string;
  /** a node that holds it (any node, for a shared storage) */
  node: string;
  shared: boolean;
  format: string | null;
}

export interface BackupFilter {
  node?: string;
  storage?: string;
}

/** qemu or lxc, from `subtype` or the name vzdump / PBS gives the volume. */
export function typeOf(volid: string, subtype?: unknown): BackupRow['type'] {
  if (subtype === 'qemu' || subtype === 'lxc') return subtype;
  const m = /vzdump-(qemu|lxc)-|backup\/(vm|ct)\//.exec(volid);
  if (!m) return null;
  return m[1] === 'qemu' || m[2] === 'vm' ? 'qemu' : 'lxc';
}

export async function listBackups(ctx: Context, client: PveClient, filter: BackupFilter = {}): Promise<BackupRow[]> {
  const [nodes, guests] = await Promise.all([listNodes(client), listGuests(client)]);
  const names = new Map(guests.map((g) => [g.vmid, g.name]));
  if (filter.node && !nodes.some((n) => n.node === filter.node)) throw unknownNode(client.region, filter.node, nodes);
  for (const n of nodes) {
    if (n.status !== 'online' && (!filter.node || filter.node === n.node)) {
      ctx.warn(`node ${n.node} is offline: its local backups are not listed`);
    }
  }
  const online = nodes.filter((n) => n.status === 'online' && (!filter.node || n.node === filter.node));
  const seenShared = new Set<string>();
  const wanted: Array<{ node: string; storage: string; shared: boolean }> = [];
  for (const n of online) {
    for (const s of await nodeStorages(client, n.node)) {
      if (!s.content.includes('backup') || !s.active || !s.enabled) continue;
      if (filter.storage && s.storage !== filter.storage) continue;
      if (s.shared && seenShared.has(s.storage)) continue;
      if (s.shared) seenShared.add(s.storage);
      wanted.push({ node: n.node, storage: s.storage, shared: s.shared });
    }
  }
  const lists = await Promise.all(
    wanted.map(async (w) =>
      (await listContent(client, w.node, w.storage, { content: 'backup' })).map((v) => ({ w, v })),
    ),
  );
  return lists
    .flat()
    .map(({ w, v }): BackupRow => {
      const volid = str(v.volid) ?? '';
      const vmid = num(v.vmid) ?? null;
      return {
        volid,
        vmid,
        name: vmid === null ? null : (names.get(vmid) ?? null),
        type: typeOf(volid, v.subtype),
        ctime: num(v.ctime) ?? null,
        size: num(v.size) ?? null,
        notes: str(v.notes) ?? null,
        protected: bool(v.protected),
        storage: w.storage,
        node: w.node,
        shared: w.shared,
        format: str(v.format) ?? null,
      };
    })
    .sort((a, b) => (b.ctime ?? 0) - (a.ctime ?? 0) || (a.volid < b.volid ? -1 : 1));
}

/** One backup by volid (exit 3 when no storage holds it). */
export async function findBackup(ctx: Context, client: PveClient, volid: string, node?: string): Promise<BackupRow> {
  const storage = volid.split(':')[0];
  const all = await listBackups(ctx, client, { node, storage });
  const found = all.find((b) => b.volid === volid);
  if (!found) {
    throw new NotFoundError(`no backup "${volid}"${node ? ` on node ${node}` : ''}`, {
      hint: 'List them with: pvectl backup list',
    });
  }
  return found;
}
