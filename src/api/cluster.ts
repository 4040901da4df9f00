// Cluster-wide reads (ENDPOINTS §2, §1.2): the resource list every listing starts from, the
// recent tasks of all nodes, quorum, the version, the token's permissions, the next free VMID (a
// hint only, QUIRKS E6) and the resource pools.
import type { PveClient } from './client.js';
import { expectArray, expectObject, type Obj } from './shape.js';
import { num } from '../lib/values.js';

export type RawResource = Obj;

/** GET /cluster/resources: items of every kind, or of one (`vm` is qemu and lxc alike). */
export async function getResources(client: PveClient, type?: 'vm' | 'node' | 'storage'): Promise<RawResource[]> {
  const data = await client.get<unknown>('/cluster/resources', type ? { type } : undefined);
  return expectArray('GET /cluster/resources', data);
}

/** GET /cluster/tasks: recent tasks of every node, running ones included (§2.4). */
export async function listClusterTasks(client: PveClient): Promise<Obj[]> {
  return expectArray('GET /cluster/tasks', await client.get<unknown>('/cluster/tasks'));
}

/** GET /cluster/status: one `cluster` entry (when clustered) and one `node` entry per member (§2.3). */
export async function getClusterStatus(client: PveClient): Promise<Obj[]> {
  return expectArray('GET /cluster/status', await client.get<unknown>('/cluster/status'));
}

/** GET /version: `version` (9.1.4) and `release` (9.1) of pve-manager (§1.2). */
export async function getVersion(client: PveClient): Promise<{ version?: unknown; release?: unknown }> {
  return expectObject('GET /version', await client.get<unknown>('/version'));
}

/** GET /access/permissions: path → privilege → 0/1 for the calling token. */
export async function getPermissions(client: PveClient): Promise<Record<string, Obj>> {
  const data = expectObject('GET /access/permissions', await client.get<unknown>('/access/permissions'));
  return data as Record<string, Obj>;
}

/** `GET /cluster/nextid`: an integer in the schema, a string on the wire (QUIRKS B1). */
export async function nextVmid(client: PveClient): Promise<number | undefined> {
  return num(await client.get<unknown>('/cluster/nextid'));
}

/** `GET /pools`: the pool ids, sorted. */
export async function listPools(client: PveClient): Promise<string[]> {
  const pools = expectArray('GET /pools', await client.get<unknown>('/pools'));
  return pools.map((p) => String(p.poolid)).sort();
}

/** `GET /pools?poolid=X&type=qemu|lxc`: the pool's guests (QUIRKS C8: members only with poolid). */
export async function poolGuests(client: PveClient, poolid: string, type: 'qemu' | 'lxc'): Promise<Obj[]> {
  const data = expectArray('GET /pools', await client.get<unknown>('/pools', { poolid, type }));
  return data.flatMap((p) => (Array.isArray(p.members) ? (p.members as Obj[]) : []));
}
