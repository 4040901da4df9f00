// VMs (qemu): making one and cloning one. Both answer with the UPID of the task that does the work
// (null under --dry-run, when nothing was sent).
import type { PveClient } from './client.js';
import { apiPath } from './path.js';

/** `POST /nodes/{node}/qemu` parameters: vmid, name, memory, disks … as Proxmox writes them. */
export type QemuCreateParams = Record<string, string | number | boolean>;

export function createQemu(client: PveClient, node: string, params: QemuCreateParams): Promise<string | null> {
  return client.post<string | null>(apiPath`/nodes/${node}/qemu`, params);
}

export interface QemuCloneParams {
  newid: number;
  name?: string;
  full?: boolean;
  /** target storage of a full clone */
  storage?: string;
  /** target node, when not the template's */
  target?: string;
  pool?: string;
}

export function cloneQemu(client: PveClient, node: string, vmid: number, p: QemuCloneParams): Promise<string | null> {
  return client.post<string | null>(apiPath`/nodes/${node}/qemu/${vmid}/clone`, { ...p });
}
