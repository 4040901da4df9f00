// Volumes on a storage (ENDPOINTS §6): the content listing, a volume's attributes and its removal.
import type { PveClient } from './client.js';
import { apiPath, type Params } from './path.js';
import { expectArray, expectUpid, type Obj } from './shape.js';

/** GET /nodes/{node}/storage/{storage}/content: `{volid, content, format, size, ctime?, vmid?, notes?, …}`. */
export async function listContent(client: PveClient, node: string, storage: string, params?: Params): Promise<Obj[]> {
  const path = apiPath`/nodes/${node}/storage/${storage}/content`;
  return expectArray(`GET ${path}`, await client.get<unknown>(path, params));
}

/** PUT …/content/{volume}: `notes`, `protected` (backups only); answers null. */
export async function updateVolume(
  client: PveClient,
  node: string,
  storage: string,
  volid: string,
  params: Params,
): Promise<void> {
  await client.put<unknown>(apiPath`/nodes/${node}/storage/${storage}/content/${volid}`, params);
}

/** DELETE …/content/{volume} → UPID of an `imgdel` task (null under --dry-run). */
export async function deleteVolume(client: PveClient, node: string, storage: string, volid: string) {
  const path = apiPath`/nodes/${node}/storage/${storage}/content/${volid}`;
  return expectUpid(client, `DELETE ${path}`, await client.delete<unknown>(path));
}
