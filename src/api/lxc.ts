// Containers (lxc): making one. The answer is the UPID of the create task (null under --dry-run).
import type { PveClient } from './client.js';
import { apiPath } from './path.js';

/** `POST /nodes/{node}/lxc` parameters: vmid, ostemplate, hostname, rootfs, net0 … */
export type LxcCreateParams = Record<string, string | number | boolean>;

export function createLxc(client: PveClient, node: string, params: LxcCreateParams): Promise<string | null> {
  return client.post<string | null>(apiPath`/nodes/${node}/lxc`, params);
}
