// A node's storages, their content (a volume's attributes and its removal too, ENDPOINTS §6), and the
// downloads into them: a URL (`download-url`, e.g. a cloud image into `import` content) or a template
// from the node's appliance index (`aplinfo`).
import type { PveClient } from './client.js';
import { apiPath, type Params } from './path.js';
import { expectArray, expectUpid, type Obj } from './shape.js';

export interface StorageInfo {
  storage: string;
  type: string;
  content: string[];
  shared: boolean;
  active: boolean;
  avail?: number;
}

export async function nodeStorages(client: PveClient, node: string): Promise<StorageInfo[]> {
  const raw = (await client.get<Record<string, unknown>[] | null>(apiPath`/nodes/${node}/storage`)) ?? [];
  return raw.map((s) => ({
    storage: String(s.storage),
    type: String(s.type ?? ''),
    content: String(s.content ?? '')
      .split(/[,\s]+/)
      .filter(Boolean),
    shared: s.shared === 1 || s.shared === '1' || s.shared === true,
    // `active` is absent for storages the node cannot check; only an explicit 0 means inactive
    active: !(s.active === 0 || s.active === '0' || s.enabled === 0 || s.enabled === '0'),
    avail: typeof s.avail === 'number' ? s.avail : undefined,
  }));
}

export async function storageContent(
  client: PveClient,
  node: string,
  storage: string,
  content: string,
): Promise<{ volid: string; size?: number }[]> {
  const raw =
    (await client.get<Record<string, unknown>[] | null>(apiPath`/nodes/${node}/storage/${storage}/content`, {
      content,
    })) ?? [];
  return raw.map((v) => ({
    volid: String(v.volid),
    size: typeof v.size === 'number' ? v.size : Number(v.size) || undefined,
  }));
}

export interface DownloadUrlParams {
  url: string;
  content: 'iso' | 'import' | 'vztmpl';
  filename: string;
  checksum?: string;
  'checksum-algorithm'?: 'md5' | 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';
}

/** Starts the node's download of `url` into `storage`; the UPID of that task. */
export function downloadUrl(
  client: PveClient,
  node: string,
  storage: string,
  params: DownloadUrlParams,
): Promise<string | null> {
  return client.post<string | null>(apiPath`/nodes/${node}/storage/${storage}/download-url`, { ...params });
}

/** The node's appliance index (QUIRKS E7: empty until the node has fetched it). */
export async function applianceIndex(client: PveClient, node: string): Promise<Record<string, unknown>[]> {
  return (await client.get<Record<string, unknown>[] | null>(apiPath`/nodes/${node}/aplinfo`)) ?? [];
}

/** Starts the download of an appliance-index template into `storage`; the UPID of that task. */
export function downloadAppliance(
  client: PveClient,
  node: string,
  storage: string,
  template: string,
): Promise<string | null> {
  return client.post<string | null>(apiPath`/nodes/${node}/aplinfo`, { storage, template });
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
