// A guest's console: POST …/termproxy starts Proxmox's terminal proxy (a `vncproxy` task that
// lives as long as the console) and answers the ticket and port that …/vncwebsocket takes.
// API tokens may do both (allowtoken 1; the proxy checks a token's ticket through
// /access/vncticket since pve-access-control 9.0.4); the privilege is VM.Console on /vms/{vmid}.
import type { PveClient } from './client.js';
import { guestPath, type GuestRef } from './guests.js';
import { expectFields, expectObject } from './shape.js';

export interface Termproxy {
  /** the user or token the ticket belongs to: the first half of the `USER:TICKET` line */
  user: string;
  ticket: string;
  port: number;
  upid: string;
}

/** POST …/{qemu,lxc}/{vmid}/termproxy (`serial`: VMs, e.g. serial0); null under --dry-run. */
export async function openTermproxy(client: PveClient, g: GuestRef, serial?: string): Promise<Termproxy | null> {
  const path = guestPath(g, '/termproxy');
  const data = await client.post<unknown>(path, serial ? { serial } : {});
  if (data === null && client.dryRun) return null;
  const o = expectObject(`POST ${path}`, data);
  expectFields(`POST ${path}`, o, { user: 'string', ticket: 'string', port: 'number', upid: 'string' });
  return { user: String(o.user), ticket: String(o.ticket), port: Number(o.port), upid: String(o.upid) };
}

/** The …/vncwebsocket URL (wss://) for a termproxy answer. */
export function consoleSocketUrl(baseUrl: string, g: GuestRef, t: Pick<Termproxy, 'port' | 'ticket'>): string {
  const query = new URLSearchParams({ port: String(t.port), vncticket: t.ticket });
  return `${baseUrl.replace(/^https:/i, 'wss:')}/api2/json${guestPath(g, '/vncwebsocket')}?${query}`;
}
