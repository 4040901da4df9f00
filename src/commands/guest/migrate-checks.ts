// What is checked before a migration is sent: the target node exists (exit 3) and is online
// (exit 2); --target-storage holds the guest's disks there (exit 2); and for a VM, Proxmox's own
// precheck (GET …/migrate): a node it does not allow, or local devices, are refused with its
// reasons (exit 1), and the local disks a live migration would copy are listed.
import type { PveClient } from '../../api/client.js';
import { type Guest, type GuestKind } from '../../api/guests.js';
import { getResources } from '../../api/cluster.js';
import { pickStorage } from '../../create/placement.js';
import { NotFoundError, PvectlError, UsageError } from '../../errors.js';
import { bool, num, str } from '../../lib/values.js';
import { nodeStorages } from '../../api/storage.js';
import { guestLabel } from './guest-view.js';
import { migratePrecheck } from '../../api/guest-lifecycle.js';

/** One read of /cluster/resources?type=node. */
export async function checkTargetNode(client: PveClient, target: string): Promise<void> {
  const nodes = (await getResources(client, 'node')).map((n) => ({
    node: str(n.node) ?? '',
    online: n.status === 'online',
  }));
  const found = nodes.find((n) => n.node === target);
  const names = (online?: boolean) =>
    nodes
      .filter((n) => online === undefined || n.online === online)
      .map((n) => n.node)
      .sort()
      .join(', ') || '(none)';
  if (!found) throw new NotFoundError(`no node "${target}" in this cluster; its nodes: ${names()}`);
  if (!found.online) throw new UsageError(`node ${target} is offline; online nodes: ${names(true)}`);
}

/** `STORAGE` or `SRC:DST,…` (Proxmox's storage-pair-list; `1` keeps each storage's name). */
export async function checkTargetStorage(
  client: PveClient,
  kind: GuestKind,
  target: string,
  spec: string,
): Promise<void> {
  const pairs = spec.split(/[,;\s]+/).filter(Boolean);
  if (pairs.length === 0) throw new UsageError('--target-storage: name a storage, or SRC:DST pairs');
  if (pairs.length === 1 && pairs[0] === '1') return;
  const storages = await nodeStorages(client, target);
  for (const pair of pairs) {
    const parts = pair.split(':');
    const dst = parts.at(-1) ?? '';
    if (parts.length > 2 || !dst) throw new UsageError(`--target-storage "${pair}": use STORAGE or SRC:DST`);
    pickStorage({ storages, bridges: [] }, target, kind === 'qemu' ? 'images' : 'rootdir', dst, '--target-storage');
  }
}

export interface VmPrecheck {
  running: boolean;
  /** disks on storage the target node cannot see (copied by the migration) */
  localDisks: { volid: string; size?: number }[];
}

const array = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export async function precheckVm(client: PveClient, g: Guest, target: string): Promise<VmPrecheck> {
  const pre = await migratePrecheck(client, g, target);
  const notAllowed = (pre.not_allowed_nodes ?? {}) as Record<string, unknown>;
  if (notAllowed[target] !== undefined) {
    const allowed = array(pre.allowed_nodes).map(String);
    throw new PvectlError(
      `${guestLabel(g)} cannot migrate to ${target}: ${reasons(notAllowed[target])}; nothing was started`,
      {
        hint: allowed.length ? `Nodes it can migrate to: ${allowed.join(', ')}` : undefined,
      },
    );
  }
  const local = array(pre.local_resources).map(String);
  if (local.length > 0) {
    throw new PvectlError(
      `${guestLabel(g)} uses local devices that keep it on ${g.node}: ${local.join(', ')}; nothing was started`,
      {
        hint: 'Remove them from its configuration (or map them on the target node) first.',
      },
    );
  }
  const localDisks = array(pre.local_disks)
    .map((d) => (d ?? {}) as Record<string, unknown>)
    .filter((d) => !bool(d.cdrom) && !bool(d.is_unused))
    .map((d) => ({ volid: String(d.volid), size: num(d.size) }));
  return { running: bool(pre.running), localDisks };
}

/** Proxmox's reasons, e.g. `{unavailable_storages: ["local-zfs"]}` → "unavailable storages: local-zfs". */
export function reasons(v: unknown): string {
  if (!v || typeof v !== 'object') return String(v ?? 'not allowed');
  const parts = Object.entries(v as Record<string, unknown>).map(([key, value]) => {
    const text = Array.isArray(value)
      ? value.map((x) => (x && typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ')
      : value && typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
    return key === 'reason' ? text : `${key.replace(/[_-]/g, ' ')}: ${text}`;
  });
  return parts.join('; ') || 'not allowed';
}
