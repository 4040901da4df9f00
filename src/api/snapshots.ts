// Snapshots of a guest (ENDPOINTS §4.9, §5.4): the list and the three calls that start tasks.
import type { PveClient } from './client.js';
import { guestPath, type GuestRef } from './guests.js';
import { apiPath, type Params } from './path.js';
import { expectArray, expectUpid, type Obj } from './shape.js';

/** GET …/snapshot: `{name, description, parent?, snaptime?, vmstate?}`, with the pseudo entry "current". */
export async function listSnapshots(client: PveClient, g: GuestRef): Promise<Obj[]> {
  const path = guestPath(g, '/snapshot');
  return expectArray(`GET ${path}`, await client.get<unknown>(path));
}

/** POST …/snapshot → UPID; `snapname` required. */
export async function createSnapshot(client: PveClient, g: GuestRef, params: Params): Promise<string | null> {
  const path = guestPath(g, '/snapshot');
  return expectUpid(client, `POST ${path}`, await client.post<unknown>(path, params));
}

/** DELETE …/snapshot/{name} → UPID. */
export async function deleteSnapshot(client: PveClient, g: GuestRef, name: string): Promise<string | null> {
  const path = guestPath(g, apiPath`/snapshot/${name}`);
  return expectUpid(client, `DELETE ${path}`, await client.delete<unknown>(path));
}

/** POST …/snapshot/{name}/rollback → UPID (`start` for qemu). */
export async function rollbackSnapshot(
  client: PveClient,
  g: GuestRef,
  name: string,
  params?: Params,
): Promise<string | null> {
  const path = guestPath(g, apiPath`/snapshot/${name}/rollback`);
  return expectUpid(client, `POST ${path}`, await client.post<unknown>(path, params));
}
