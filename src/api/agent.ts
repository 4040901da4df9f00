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

/** POST …/agent/exec: the command (program, then arguments) and its stdin; `{pid}` (null: --dry-run). */
export function agentExec(
  client: PveClient,
  g: GuestRef,
  command: string[],
  input: string | undefined,
): Promise<{ pid?: number } | null> {
  return client.post<{ pid?: number } | null>(guestPath(g, '/agent/exec'), { command, 'input-data': input });
}

export interface ExecStatus {
  exited?: boolean | number;
  exitcode?: number;
  signal?: number;
  'out-data'?: string;
  'err-data'?: string;
  'out-truncated'?: boolean | number;
  'err-truncated'?: boolean | number;
}

/** GET …/agent/exec-status: whether the process has exited, its code and output (decoded by Proxmox). */
export function agentExecStatus(client: PveClient, g: GuestRef, pid: number): Promise<ExecStatus> {
  return client.get<ExecStatus>(guestPath(g, '/agent/exec-status'), { pid });
}
