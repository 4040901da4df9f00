// Backups (ENDPOINTS §4, §6): vzdump on a node, and restore through create.
import type { PveClient } from './client.js';
import type { GuestKind } from './guests.js';
import { apiPath, type Params } from './path.js';
import { expectUpid } from './shape.js';
import { UnexpectedAnswerError } from '../errors.js';

/**
 * POST /nodes/{node}/vzdump → UPID. pve-manager answers "OK" without a task when none of the guests
 * lives on that node (API2/VZDump.pm skips them): for a caller that asked for one, that is an error.
 */
export async function startVzdump(client: PveClient, node: string, params: Params): Promise<string | null> {
  const path = apiPath`/nodes/${node}/vzdump`;
  const data = await client.post<unknown>(path, params);
  if (data === 'OK') {
    throw new UnexpectedAnswerError(`POST ${path}: no backup was started (the guest is not on ${node})`);
  }
  return expectUpid(client, `POST ${path}`, data);
}

/** POST /nodes/{node}/qemu with `archive`, or /lxc with `ostemplate` + `restore=1` → UPID. */
export async function restoreGuest(
  client: PveClient,
  node: string,
  kind: GuestKind,
  params: Params,
): Promise<string | null> {
  const path = apiPath`/nodes/${node}/${kind}`;
  return expectUpid(client, `POST ${path}`, await client.post<unknown>(path, params));
}
