// Deleting, cloning and migrating a guest (ENDPOINTS §4.5-4.7, §5.4): each starts a task.
import type { PveClient } from './client.js';
import { guestPath, type GuestRef } from './guests.js';
import type { Params } from './path.js';
import { expectObject, expectUpid, expectUpidOrNull, type Obj } from './shape.js';

/** DELETE /nodes/{node}/{kind}/{vmid} → UPID (`purge`, `destroy-unreferenced-disks`, …). */
export async function deleteGuest(client: PveClient, g: GuestRef, params?: Params): Promise<string | null> {
  const path = guestPath(g);
  return expectUpid(client, `DELETE ${path}`, await client.delete<unknown>(path, params));
}

/** POST …/clone → UPID; `newid` required. */
export async function cloneGuest(client: PveClient, g: GuestRef, params: Params): Promise<string | null> {
  const path = guestPath(g, '/clone');
  return expectUpid(client, `POST ${path}`, await client.post<unknown>(path, params));
}

/** GET …/migrate: preconditions for a migration to `target` (local disks, resources, …). */
export async function migratePrecheck(client: PveClient, g: GuestRef, target: string): Promise<Obj> {
  const path = guestPath(g, '/migrate');
  return expectObject(`GET ${path}`, await client.get<unknown>(path, { target }));
}

/** POST …/migrate → UPID; `target` required. */
export async function migrateGuest(client: PveClient, g: GuestRef, params: Params): Promise<string | null> {
  const path = guestPath(g, '/migrate');
  return expectUpid(client, `POST ${path}`, await client.post<unknown>(path, params));
}

/** POST …/template: a UPID for qemu; null for lxc, whose worker's UPID pve-container drops. */
export async function convertToTemplate(client: PveClient, g: GuestRef): Promise<string | null> {
  const path = guestPath(g, '/template');
  return expectUpidOrNull(`POST ${path}`, await client.post<unknown>(path));
}
