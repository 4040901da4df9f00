// One guest's configuration, state and lifecycle calls, alike for qemu and lxc
// (/nodes/{node}/{qemu|lxc}/{vmid}/…). Writes that start a task answer with its UPID, or null
// under --dry-run.
import type { PveClient } from './client.js';
import { guestPath, type GuestKind } from './guests.js';
import type { Params } from './path.js';

export interface GuestRef {
  node: string;
  type: GuestKind;
  vmid: number;
}

export function setConfig(client: PveClient, g: GuestRef, params: Params): Promise<unknown> {
  return client.put<unknown>(guestPath(g, '/config'), params);
}

/** `status/current`: `status` is "running" or "stopped" (qemu adds `qmpstatus`). */
export async function currentStatus(client: PveClient, g: GuestRef): Promise<{ status?: string }> {
  return (await client.get<{ status?: string } | null>(guestPath(g, '/status/current'))) ?? {};
}

export function startGuest(client: PveClient, g: GuestRef): Promise<string | null> {
  return client.post<string | null>(guestPath(g, '/status/start'));
}

export function stopGuest(client: PveClient, g: GuestRef): Promise<string | null> {
  return client.post<string | null>(guestPath(g, '/status/stop'));
}

/** `size` as Proxmox takes it: "20G", "+1G", "22016M". */
export function resizeDisk(client: PveClient, g: GuestRef, disk: string, size: string): Promise<string | null> {
  return client.put<string | null>(guestPath(g, '/resize'), { disk, size });
}

/** Destroys the guest with its disks (qemu: and unreferenced ones; lxc: `force` even when running). */
export function destroyGuest(client: PveClient, g: GuestRef): Promise<string | null> {
  const params = g.type === 'qemu' ? { purge: true, 'destroy-unreferenced-disks': true } : { purge: true, force: true };
  return client.delete<string | null>(guestPath(g), params);
}
