// Which power requests are needed at all: none for a guest already in the target state (success),
// none for one that cannot get there (failure), decided from /cluster/resources alone.
import { kindLabel, type Guest } from '../../api/guests.js';
import { ApiError, TaskError } from '../../errors.js';

export type PowerAction = 'start' | 'stop' | 'shutdown' | 'reboot' | 'suspend' | 'resume';

/** The skip policy: null when a request is needed. */
export function alreadyThere(action: PowerAction, g: Guest): string | null {
  switch (action) {
    case 'start':
      return g.status === 'running' ? 'already running' : null;
    case 'stop':
    case 'shutdown':
      return g.status === 'stopped' ? 'already stopped' : null;
    case 'suspend':
      return g.status === 'paused' || g.status === 'suspended' ? `already ${g.status}` : null;
    case 'resume':
      // a frozen container still shows "running" in /cluster/resources: only a VM can be skipped
      return g.type === 'qemu' && g.status === 'running' ? 'already running' : null;
    default:
      return null;
  }
}

/**
 * Why the action cannot be done, or null. Proxmox would accept the request and then fail its task
 * with these words (a template: qemu-server PVE/QemuServer.pm and pve-container API2/LXC/Status.pm,
 * a stopped guest: "VM|CT <vmid> not running").
 */
export function impossible(action: PowerAction, g: Guest): string | null {
  const label = kindLabel(g.type);
  if (action === 'start' && g.template)
    return `you can't start a ${g.type === 'qemu' ? 'vm' : 'CT'} if it's a template`;
  // a CT resume restores a checkpoint of a stopped CT (pve-container API2/LXC/Status.pm vm_resume
  // refuses a running one); a VM resume needs the paused VM to be running (qemu-server Qemu.pm)
  const needsRunning = action === 'suspend' || action === 'reboot' || (action === 'resume' && g.type === 'qemu');
  return needsRunning && g.status === 'stopped' ? `${label} ${g.vmid} not running` : null;
}

/**
 * The guest reached the target state between the listing and the request: Proxmox VE refuses a
 * CT start when running and a CT stop/shutdown when stopped with a 500 before any task, and
 * fails a VM start when running inside its task. Reported like the skip above, not as a failure.
 */
export function alreadyAnswer(action: PowerAction, err: unknown): string | null {
  const text =
    err instanceof TaskError ? err.exitstatus : err instanceof ApiError && err.status === 500 ? err.message : '';
  if ((action === 'start' || action === 'resume') && /\b(VM|CT) \d+ already running$/.test(text)) {
    return 'already running';
  }
  if ((action === 'stop' || action === 'shutdown') && err instanceof ApiError && /\bCT \d+ not running$/.test(text)) {
    return 'already stopped';
  }
  return null;
}
