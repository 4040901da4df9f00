// A guest's configuration, pending changes and disk size (ENDPOINTS §4.4-4.8, §5.4). qemu and lxc
// share these paths under /nodes/{node}/{qemu|lxc}/{vmid}.
import type { PveClient } from './client.js';
import { guestPath, type GuestRef } from './guests.js';
import type { Params } from './path.js';
import { expectArray, expectObject, expectUpidOrNull, type Obj } from './shape.js';

const where = (method: string, g: GuestRef, suffix: string) => `${method} ${guestPath(g, suffix)}`;

/** GET …/config: the options as set (pending values applied), plus `digest`. */
export async function getConfig(client: PveClient, g: GuestRef): Promise<Obj> {
  return expectObject(where('GET', g, '/config'), await client.get<unknown>(guestPath(g, '/config')));
}

/** PUT …/config: synchronous for both kinds (R null); nothing of the answer is used. */
export async function putConfig(client: PveClient, g: GuestRef, params: Params): Promise<void> {
  await client.put<unknown>(guestPath(g, '/config'), params);
}

/** GET …/pending: one `{key, value?, pending?, delete?}` per option (QUIRKS C9). */
export async function getPending(client: PveClient, g: GuestRef): Promise<Obj[]> {
  return expectArray(where('GET', g, '/pending'), await client.get<unknown>(guestPath(g, '/pending')));
}

/** PUT …/resize: a UPID on current releases, null before qemu-server 8.0 (§4.8) and under --dry-run. */
export async function resizeDisk(client: PveClient, g: GuestRef, disk: string, size: string): Promise<string | null> {
  const data = await client.put<unknown>(guestPath(g, '/resize'), { disk, size });
  return expectUpidOrNull(where('PUT', g, '/resize'), data);
}
