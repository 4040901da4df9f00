// A node's storages and their content, as templates and images are looked for on them.
import type { PveClient } from '../api/client.js';
import { apiPath } from '../api/path.js';

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
