// Calls only containers have (ENDPOINTS §5.5).
import type { PveClient } from './client.js';
import { guestPath, type GuestRef } from './guests.js';
import { expectArrayOrNull, type Obj } from './shape.js';

/** GET /nodes/{node}/lxc/{vmid}/interfaces: the container's NICs; null (→ none) when it is stopped. */
export async function containerInterfaces(client: PveClient, g: Omit<GuestRef, 'type'>): Promise<Obj[]> {
  const path = guestPath({ ...g, type: 'lxc' }, '/interfaces');
  return expectArrayOrNull(`GET ${path}`, await client.get<unknown>(path));
}
