// Cluster-wide reads: the next free VMID (a hint only, QUIRKS E6) and the resource pools.
import type { PveClient } from './client.js';
import { num } from '../lib/values.js';

/** `GET /cluster/nextid`: an integer in the schema, a string on the wire (QUIRKS B1). */
export async function nextVmid(client: PveClient): Promise<number | undefined> {
  return num(await client.get<unknown>('/cluster/nextid'));
}

/** `GET /pools`: the pool ids, sorted. */
export async function listPools(client: PveClient): Promise<string[]> {
  const pools = (await client.get<{ poolid?: unknown }[] | null>('/pools')) ?? [];
  return pools.map((p) => String(p.poolid)).sort();
}
