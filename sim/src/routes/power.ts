// POST …/status/{start,stop,shutdown,reboot,suspend,resume} for qemu and lxc, …/status/reset for qemu.
// Which refusals are synchronous and which fail the task: see power-checks.ts.
import type { RequestHandler } from 'msw';
import type { SimCore } from '../core.js';
import { needPriv } from '../core.js';
import type { Guest } from '../model/types.js';
import { startGuest, stopGuest } from '../model/guest-factory.js';
import { effectiveConfig, isTemplate } from '../model/guest-facts.js';
import { applyPending } from '../model/pending.js';
import { TaskFailure } from '../tasks.js';
import { route, type Ctx } from './route.js';
import { guestOf } from './guest-read.js';
import { haRequest } from './ha-request.js';
import { checkBefore, checkLockInTask, taskType, type Action } from './power-checks.js';

// Every node has only vmbr0; a NIC on another bridge fails at start, as on a real node.
function checkBridges(g: Guest): void {
  for (const [k, v] of Object.entries(effectiveConfig(g))) {
    const bridge = /^net\d+$/.test(k) ? /(?:^|,)bridge=([^,]+)/.exec(String(v))?.[1] : undefined;
    if (bridge && bridge !== 'vmbr0') throw new TaskFailure(`bridge '${bridge}' does not exist`);
  }
}

function powerTask(core: SimCore, c: Ctx, g: Guest, action: Action, skiplock: boolean): string {
  const now = () => core.clock.now();
  const rng = core.rng;
  let log: string[] = [];
  let run: () => number | void;
  switch (action) {
    case 'start':
      // QemuServer::vm_start / LXC vm_start: template, then lock, then "already running"
      run = () => {
        if (isTemplate(g))
          throw new TaskFailure(`you can't start a ${g.type === 'qemu' ? 'vm' : 'ct'} if it's a template`);
        checkLockInTask(g, skiplock);
        if (g.status === 'running')
          throw new TaskFailure(`${g.type === 'qemu' ? 'VM' : 'CT'} ${g.vmid} already running`);
        checkBridges(g);
        applyPending(g);
        startGuest(g, now(), rng);
      };
      break;
    case 'stop':
    case 'shutdown':
      if (action === 'shutdown' && g.type === 'qemu' && g.status === 'running' && g.qmpstatus === 'paused') {
        log = ['VM is paused - stop instead of shutdown'];
      }
      // QemuServer::_do_vm_stop returns before the lock check when no process runs: task OK
      run = () => {
        if (g.status !== 'running') return;
        checkLockInTask(g, skiplock);
        stopGuest(g);
      };
      break;
    case 'reboot':
      // QemuServer::vm_reboot goes through _do_vm_stop (lock check); LXC::vm_reboot does not
      run = () => {
        if (g.status !== 'running') return;
        if (g.type === 'qemu') checkLockInTask(g, skiplock);
        applyPending(g);
        startGuest(g, now(), rng);
      };
      break;
    case 'suspend':
      // a VM pauses; a CT is checkpointed and stopped (Status.pm vm_suspend: lxc-checkpoint -s)
      run = () => {
        checkLockInTask(g, skiplock);
        if (g.type === 'qemu') g.qmpstatus = 'paused';
        else {
          stopGuest(g);
          g.checkpoint = true;
        }
      };
      break;
    case 'resume':
      run = () => {
        if (g.type === 'qemu') {
          checkLockInTask(g, skiplock);
          g.qmpstatus = 'running';
          return;
        }
        // Status.pm vm_resume: lxc-checkpoint -r, which fails without a checkpoint to restore
        const cmd = `lxc-checkpoint -n ${g.vmid} -r --foreground -D /var/lib/vz/dump`;
        if (!g.checkpoint) throw new TaskFailure(`command '${cmd}' failed: exit code 1`);
        startGuest(g, now(), rng);
      };
      break;
    case 'reset':
      run = () => {
        checkLockInTask(g, skiplock);
        applyPending(g);
        startGuest(g, now(), rng);
      };
      break;
  }
  return core.tasks.start({ node: g.node, type: taskType(g, action), id: String(g.vmid), who: c.who, log, run }).upid;
}

export function powerRoutes(core: SimCore): RequestHandler[] {
  const out: RequestHandler[] = [];
  const actions: Action[] = ['start', 'stop', 'shutdown', 'reboot', 'suspend', 'resume', 'reset'];
  for (const type of ['qemu', 'lxc'] as const) {
    for (const action of actions) {
      if (type === 'lxc' && action === 'reset') continue; // containers have no reset
      out.push(
        route(core, 'post', `/nodes/:node/${type}/:vmid/status/${action}`, (c) => {
          const g = guestOf(c, type);
          needPriv(c.who, `/vms/${g.vmid}`, 'VM.PowerMgmt');
          const skiplock = c.skiplock();
          checkBefore(g, action, c.bool('forceStop'));
          const ha = core.state.ha.get(g.vmid);
          if (ha && ha.state !== 'ignored' && (action === 'start' || action === 'stop' || action === 'shutdown')) {
            return haRequest(core, c, g, action === 'start' ? 'started' : 'stopped');
          }
          return powerTask(core, c, g, action, skiplock);
        }),
      );
    }
  }
  return out;
}
