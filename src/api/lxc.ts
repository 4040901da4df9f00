// Calls only containers have (ENDPOINTS §5.5): making one, and its network interfaces.
import type { PveClient } from './client.js';
import { guestPath, type GuestRef } from './guests.js';
import { apiPath } from './path.js';
import { expectArrayOrNull, expectUpid, type Obj } from './shape.js';

/** GET /nodes/{node}/lxc/{vmid}/interfaces: the container's NICs; null (→ none) when it is stopped. */
export async function containerInterfaces(client: PveClient, g: Omit<GuestRef, 'type'>): Promise<Obj[]> {
  const path = guestPath({ ...g, type: 'lxc' }, '/interfaces');
  return expectArrayOrNull(`GET ${path}`, await client.get<unknown>(path));
}

/** `POST /nodes/{node}/lxc` parameters: vmid, ostemplate, hostname, rootfs, net0 … */
export type LxcCreateParams = Record<string, string | number | boolean>;

/** POST /nodes/{node}/lxc: the UPID of the create task (null under --dry-run). */
export async function createLxc(client: PveClient, node: string, params: LxcCreateParams): Promise<string | null> {
  const path = apiPath`/nodes/${node}/lxc`;
  return expectUpid(client, `POST ${path}`, await client.post<unknown>(path, params));
}
