// A node's storages, their content (a volume's attributes and its removal too, ENDPOINTS §6), and the
// downloads into them: a URL (`download-url`, e.g. a cloud image into `import` content) or a template
// from the node's appliance index (`aplinfo`).
import type { PveClient } from './client.js';
import { apiPath, type Params } from './path.js';
import { expectArray, expectArrayOrNull, expectFields, expectUpid, type Obj } from './shape.js';
import { bool, num, str } from '../lib/values.js';

export interface StorageInfo {
  storage: string;
  type: string;
  content: string[];
  shared: boolean;
  active: boolean;
  enabled: boolean;
  total: number | null;
  used: number | null;
  avail: number | null;
}

/** GET /nodes/{node}/storage: every storage the node sees, sorted by name. */
export async function nodeStorages(client: PveClient, node: string): Promise<StorageInfo[]> {
  const path = apiPath`/nodes/${node}/storage`;
  const raw = expectArray(`GET ${path}`, await client.get<unknown>(path));
  raw.forEach((s) => expectFields(`GET ${path}`, s, { storage: 'string' }));
  return raw.map(toStorage).sort((a, b) => (a.storage < b.storage ? -1 : a.storage > b.storage ? 1 : 0));
}

function toStorage(s: Obj): StorageInfo {
  return {
    storage: String(s.storage),
    type: str(s.type) ?? '',
    content: (str(s.content) ?? '').split(/[,\s]+/).filter(Boolean),
    shared: bool(s.shared),
    // absent means the node could not tell; only an explicit 0 is inactive/disabled
    active: s.active === undefined || bool(s.active),
    enabled: s.enabled === undefined || bool(s.enabled),
    total: num(s.total) ?? null,
    used: num(s.used) ?? null,
    avail: num(s.avail) ?? null,
  };
}

/** A storage new volumes can go to: active and not disabled. */
export function usable(s: StorageInfo): boolean {
  return s.active && s.enabled;
}

/** GET /nodes/{node}/storage/{storage}/content of one kind: the volumes, each with its `volid`. */
export async function storageContent(
  client: PveClient,
  node: string,
  storage: string,
  content: string,
): Promise<{ volid: string; size?: number }[]> {
  const path = apiPath`/nodes/${node}/storage/${storage}/content`;
  const raw = expectArray(`GET ${path}`, await client.get<unknown>(path, { content }));
  raw.forEach((v) => expectFields(`GET ${path}`, v, { volid: 'string' }));
  return raw.map((v) => ({ volid: String(v.volid), size: typeof v.size === 'number' ? v.size : num(v.size) }));
}

export interface DownloadUrlParams {
  url: string;
  content: 'iso' | 'import' | 'vztmpl';
  filename: string;
  checksum?: string;
  'checksum-algorithm'?: 'md5' | 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';
}

/** POST …/download-url: starts the node's download of `url` into `storage`; the UPID of that task. */
export async function downloadUrl(
  client: PveClient,
  node: string,
  storage: string,
  params: DownloadUrlParams,
): Promise<string | null> {
  const path = apiPath`/nodes/${node}/storage/${storage}/download-url`;
  return expectUpid(client, `POST ${path}`, await client.post<unknown>(path, { ...params }));
}

/** GET /nodes/{node}/aplinfo: the appliance index (QUIRKS E7: empty until the node has fetched it). */
export async function applianceIndex(client: PveClient, node: string): Promise<Obj[]> {
  const path = apiPath`/nodes/${node}/aplinfo`;
  return expectArrayOrNull(`GET ${path}`, await client.get<unknown>(path));
}

/** POST /nodes/{node}/aplinfo: downloads an appliance-index template into `storage`; the task's UPID. */
export async function downloadAppliance(
  client: PveClient,
  node: string,
  storage: string,
  template: string,
): Promise<string | null> {
  const path = apiPath`/nodes/${node}/aplinfo`;
  return expectUpid(client, `POST ${path}`, await client.post<unknown>(path, { storage, template }));
}

/** POST …/storage/{storage}/upload (multipart): a file of `content` type; the UPID (null: --dry-run). */
export function uploadFile(
  client: PveClient,
  node: string,
  storage: string,
  content: 'iso' | 'vztmpl' | 'import',
  file: { name: string; data: Buffer },
): Promise<string | null> {
  return client.upload<string | null>(apiPath`/nodes/${node}/storage/${storage}/upload`, { content }, file);
}

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

/** GET /storage: storage.cfg, one `{storage, type, content?, shared?, disable?, nodes?, …}` per storage. */
export async function listStorageConfig(client: PveClient): Promise<Obj[]> {
  return expectArray('GET /storage', await client.get<unknown>('/storage'));
}
