// The QEMU guest agent, passed through by Proxmox (ENDPOINTS §4.11, QUIRKS G1). Failures
// (no agent configured, not running, VM stopped) are 500s, left to the caller to read.
import type { PveClient } from './client.js';
import { guestPath, type GuestRef } from './guests.js';
import { expectArray, expectObject, type Obj } from './shape.js';

/** GET …/agent/network-get-interfaces: QGA's `{result: [{name, hardware-address, ip-addresses}]}`. */
export async function agentNetworkInterfaces(client: PveClient, g: GuestRef): Promise<Obj[]> {
  const path = guestPath(g, '/agent/network-get-interfaces');
  const data = expectObject(`GET ${path}`, await client.get<unknown>(path));
  return expectArray(`GET ${path} (result)`, data.result);
}
