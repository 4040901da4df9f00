// Console sessions a termproxy call opened: what its vncwebsocket call and the connection check.
// One session is one proxmox-termproxy process (its listening port, its pinned ticket) and one
// `vncproxy` task that runs while the console is open (qemu-server API2/Qemu.pm and pve-container
// API2/LXC.pm `termproxy`: `fork_worker('vncproxy', …)` around `/usr/bin/termproxy PORT …`).
import type { SimCore } from '../core.js';
import type { Guest, Identity } from '../model/types.js';
import type { TimerHandle } from '../model/timers.js';
import type { Task } from '../tasks.js';

export interface ConsoleSession {
  port: number;
  ticket: string;
  who: Identity;
  guest: Guest;
  serial?: string; // qemu: the `serial` parameter (or vga: serialN)
  task: Task;
  issuedAt: number; // ms, on the simulator's clock
  attached: boolean;
  acceptTimer?: TimerHandle;
}

const registry = new WeakMap<object, Map<number, ConsoleSession>>();

/**
 * The open sessions by port, one table per simulator. A session whose task was stopped from
 * outside (DELETE …/tasks/{upid}) is gone: on PVE that kills termproxy, its port and its ticket.
 */
export function consoleSessions(core: SimCore): Map<number, ConsoleSession> {
  let map = registry.get(core.tasks);
  if (!map) registry.set(core.tasks, (map = new Map()));
  for (const [port, s] of map) {
    if (s.task.status === 'running') continue;
    core.timers.cancel(s.acceptTimer);
    map.delete(port);
  }
  return map;
}

/** Ends a session and its task (failed with `error`, else OK). */
export function endSession(core: SimCore, s: ConsoleSession, error?: string): void {
  core.timers.cancel(s.acceptTimer);
  consoleSessions(core).delete(s.port);
  if (s.task.status === 'running') core.tasks.settle(s.task, error);
}

// PVE::Tools::next_vnc_port: the first free port of 5900-5999
export function nextVncPort(core: SimCore): number | undefined {
  const used = consoleSessions(core);
  for (let p = 5900; p < 6000; p++) if (!used.has(p)) return p;
  return undefined;
}

// PVE::Ticket::assemble_rsa_ticket with prefix PVEVNC and no data: `PVEVNC:HEXTIME::SIGNATURE`
// (an RSA-2048 signature, base64: 344 characters).
export function vncTicket(core: SimCore): string {
  const time = Math.floor(core.clock.now() / 1000)
    .toString(16)
    .toUpperCase()
    .padStart(8, '0');
  const sig = Buffer.from(Array.from({ length: 256 }, () => Math.floor(core.rng() * 256))).toString('base64');
  return `PVEVNC:${time}::${sig}`;
}
