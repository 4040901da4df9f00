// What Proxmox VE checks before it forks a power task, and what it checks inside the task.
// Synchronous refusals are a 500 with no UPID; the config lock is taken inside the worker, so
// a locked guest gives a failed task (qemu-server src/PVE/API2/Qemu.pm vm_* methods,
// pve-container src/PVE/API2/LXC/Status.pm vm_* methods).
import { fail } from '../http.js';
import type { Guest } from '../model/types.js';
import { TaskFailure } from '../tasks.js';

export type Action = 'start' | 'stop' | 'shutdown' | 'reboot' | 'suspend' | 'resume' | 'reset';

// Before the task: the running-state checks each API method makes with check_running().
export function checkBefore(g: Guest, action: Action, forceStop: boolean): void {
  const running = g.status === 'running';
  if (g.type === 'lxc') {
    // Status.pm: vm_start and vm_resume die "CT … already running"; vm_reboot says "VM" there
    if ((action === 'start' || action === 'resume') && running) fail(`CT ${g.vmid} already running`);
    if ((action === 'stop' || action === 'shutdown' || action === 'suspend') && !running) {
      fail(`CT ${g.vmid} not running`);
    }
    if (action === 'reboot' && !running) fail(`VM ${g.vmid} not running`);
    return;
  }
  const paused = running && g.qmpstatus === 'paused';
  // Qemu.pm vm_shutdown: a paused VM is refused unless forceStop; vm_reboot refuses it outright
  if (action === 'shutdown' && paused && !forceStop) fail('VM is paused - cannot shutdown');
  if (action === 'reboot' && paused) fail('VM is paused - cannot shutdown');
  // Qemu.pm vm_reboot, vm_suspend, vm_resume, vm_reset: die "VM … not running" before forking.
  // vm_start and vm_stop/vm_shutdown have no such check: QemuServer::vm_start dies inside the
  // task, and _do_vm_stop returns quietly when there is no process.
  if ((action === 'reboot' || action === 'suspend' || action === 'resume' || action === 'reset') && !running) {
    fail(`VM ${g.vmid} not running`);
  }
}

// Inside the task, under the config lock: PVE::AbstractConfig::check_lock.
export function checkLockInTask(g: Guest, skiplock: boolean): void {
  const lock = g.config.lock;
  if (skiplock || lock === undefined) return;
  throw new TaskFailure(`${g.type === 'qemu' ? 'VM' : 'CT'} is locked (${String(lock)})`);
}

// The task type fork_worker is given: Qemu.pm vm_suspend names a pause 'qmpause' (only a
// suspend to disk is 'qmsuspend'); the container verbs are vz*.
export function taskType(g: Guest, action: Action): string {
  if (g.type === 'qemu') return action === 'suspend' ? 'qmpause' : `qm${action}`;
  return `vz${action}`;
}
