// Which power requests are needed at all: none for a guest already in the target state (success),
// none for one that cannot get there (failure), decided from /cluster/resources alone.
import { kindLabel, type Guest } from '../../api/guests.js';

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
  const needsRunning = action === 'suspend' || action === 'reboot' || action === 'resume';
  return needsRunning && g.status === 'stopped' ? `${label} ${g.vmid} not running` : null;
}
