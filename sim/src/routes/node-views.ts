// Node and storage entries as /cluster/resources and /nodes show them.
import type { NodeState, StorageDef } from '../model/types.js';
import { hasPriv } from '../core.js';
import type { Ctx } from './route.js';

export function nodeUptime(n: NodeState, now: number): number {
  return Math.floor((now - n.bootedAt) / 1000);
}

/** The usage fields an online node shows to a caller with Sys.Audit, in both lists. */
export function nodeUsage(n: NodeState, now: number): Record<string, number> {
  return {
    cpu: n.cpu,
    maxcpu: n.maxcpu,
    mem: n.mem,
    maxmem: n.maxmem,
    disk: n.disk,
    maxdisk: n.maxdisk,
    uptime: nodeUptime(n, now),
  };
}

export function nodeResource(c: Ctx, n: NodeState): Record<string, unknown> {
  const base = { id: `node/${n.name}`, type: 'node', node: n.name, level: '', 'cgroup-mode': 2 };
  if (!n.online) return { ...base, status: 'offline' };
  const e: Record<string, unknown> = { ...base, status: 'online', hastate: 'online', 'host-arch': 'x86_64' };
  if (hasPriv(c.who, 'Sys.Audit')) Object.assign(e, nodeUsage(n, c.state.now()));
  return e;
}

export function storageUsage(c: Ctx, n: NodeState, s: StorageDef): { total: number; used: number; avail: number } {
  // the dir storage lives on the root file system, which also holds the OS
  const base = s.type === 'dir' ? 6 * 1024 ** 3 : 0;
  const used = base + c.state.storageUsed(n.name, s.storage);
  return { total: s.total, used, avail: Math.max(0, s.total - used) };
}

export function storageResource(c: Ctx, n: NodeState, s: StorageDef): Record<string, unknown> {
  const e: Record<string, unknown> = {
    id: `storage/${n.name}/${s.storage}`,
    type: 'storage',
    node: n.name,
    storage: s.storage,
    plugintype: s.type,
    content: s.content,
    shared: s.shared,
    status: n.online ? 'available' : 'unknown',
  };
  if (n.online) {
    const u = storageUsage(c, n, s);
    e.disk = u.used;
    e.maxdisk = u.total;
  }
  return e;
}
