// Calls only VMs have: making one. Cloning is alike for both kinds (guest-lifecycle.ts).
import type { PveClient } from './client.js';
import { apiPath } from './path.js';
import { expectUpid } from './shape.js';

/** `POST /nodes/{node}/qemu` parameters: vmid, name, memory, disks … as Proxmox writes them. */
export type QemuCreateParams = Record<string, string | number | boolean>;

/** POST /nodes/{node}/qemu: the UPID of the create task (null under --dry-run). */
export async function createQemu(client: PveClient, node: string, params: QemuCreateParams): Promise<string | null> {
  const path = apiPath`/nodes/${node}/qemu`;
  return expectUpid(client, `POST ${path}`, await client.post<unknown>(path, params));
}
