// A guest's live status and its power calls (ENDPOINTS §4.3, §5.3), the same paths for qemu and lxc.
import type { PveClient } from './client.js';
import { guestPath, type GuestRef } from './guests.js';
import type { Params } from './path.js';
import { expectFields, expectObject, expectUpid, type Obj } from './shape.js';

export type PowerCall = 'start' | 'stop' | 'shutdown' | 'reboot' | 'suspend' | 'resume';

/**
 * GET …/status/current: `status` (req) plus stats; qemu adds `qmpstatus` (QUIRKS C4). `tries`: 1
 * when a failure has another answer (a hinted node that went offline answers 595 after a while).
 */
export async function getCurrentStatus(client: PveClient, g: GuestRef, tries?: number): Promise<Obj> {
  const what = `GET ${guestPath(g, '/status/current')}`;
  const data = expectObject(what, await client.get<unknown>(guestPath(g, '/status/current'), undefined, { tries }));
  expectFields(what, data, { status: 'string' });
  return data;
}

/** POST …/status/{start|stop|…} → UPID (null only under --dry-run). */
export async function postPower(
  client: PveClient,
  g: GuestRef,
  call: PowerCall,
  params?: Params,
): Promise<string | null> {
  const path = guestPath(g, `/status/${call}`);
  return expectUpid(client, `POST ${path}`, await client.post<unknown>(path, params));
}
