// POST …/status/{start,stop,shutdown,reboot,suspend,resume} for qemu and lxc.
import type { RequestHandler } from 'msw';
import type { SimCore } from '../core.js';
import { checkNotLocked, kind, needPriv } from '../core.js';
import type { Guest } from '../model/types.js';
import { startGuest, stopGuest } from '../model/guest-factory.js';
import { effectiveConfig, isTemplate } from '../model/guest-facts.js';
import { applyPending } from '../model/pending.js';
import { fail } from '../http.js';
import { TaskFailure } from '../tasks.js';
import { route, type Ctx } from './route.js';
import { guestOf } from './guest-read.js';
import { haRequest } from './ha-request.js';

type Action = 'start' | 'stop' | 'shutdown' | 'reboot' | 'suspend' | 'resume';

const mustRun = (g: Guest) => {
  if (g.status !== 'running') throw new TaskFailure(`${kind(g)} ${g.vmid} not running`);
};

// Every node has only vmbr0; a NIC on another bridge fails at start, as on a real node.
function checkBridges(g: Guest): void {
  for (const [k, v] of Object.entries(effectiveConfig(g))) {
    const bridge = /^net\d+$/.test(k) ? /(?:^|,)bridge=([^,]+)/.exec(String(v))?.[1] : undefined;
    if (bridge && bridge !== 'vmbr0') throw new TaskFailure(`bridge '${bridge}' does not exist`);
  }
}

function powerTask(core: SimCore, c: Ctx, g: Guest, action: Action): string {
  const prefix = g.type === 'qemu' ? 'qm' : 'vz';
  const now = () => core.clock.now();
  const rng = core.rng;
  let log: string[] = [];
  let run: () => number | void;
  switch (action) {
    case 'start':
      run = () => {
        if (isTemplate(g))
          throw new TaskFailure(`you can't start a ${g.type === 'qemu' ? 'vm' : 'ct'} if it's a template`);
        if (g.status === 'running') throw new TaskFailure(`${kind(g)} ${g.vmid} already running`);
        checkBridges(g);
        applyPending(g);
        startGuest(g, now(), rng);
      };
      break;
    case 'stop':
      run = () => {
        mustRun(g);
        stopGuest(g);
      };
      break;
    case 'shutdown': {
      const paused = g.type === 'qemu' && g.status === 'running' && g.qmpstatus === 'paused';
      if (paused && !c.bool('forceStop')) fail('VM is paused - cannot shutdown');
      if (paused) log = ['VM is paused - stop instead of shutdown'];
      run = () => {
        mustRun(g);
        stopGuest(g);
      };
      break;
    }
    case 'reboot':
      run = () => {
        mustRun(g);
        applyPending(g);
        startGuest(g, now(), rng);
      };
      break;
    case 'suspend':
      run = () => {
        mustRun(g);
        if (g.type === 'qemu') g.qmpstatus = 'paused';
      };
      break;
    case 'resume':
      run = () => {
        mustRun(g);
        g.qmpstatus = 'running';
      };
      break;
  }
  const type = g.type === 'lxc' && action === 'suspend' ? 'vzsuspend' : `${prefix}${action}`;
  return core.tasks.start({ node: g.node, type, id: String(g.vmid), who: c.who, log, run }).upid;
}

export function powerRoutes(core: SimCore): RequestHandler[] {
  const out: RequestHandler[] = [];
  const actions: Action[] = ['start', 'stop', 'shutdown', 'reboot', 'suspend', 'resume'];
  for (const type of ['qemu', 'lxc'] as const) {
    for (const action of actions) {
      out.push(
        route(core, 'post', `/nodes/:node/${type}/:vmid/status/${action}`, (c) => {
          const g = guestOf(c, type);
          needPriv(c.who, `/vms/${g.vmid}`, 'VM.PowerMgmt');
          checkNotLocked(g, c.skiplock());
          const ha = core.state.ha.get(g.vmid);
          if (ha && ha.state !== 'ignored' && (action === 'start' || action === 'stop' || action === 'shutdown')) {
            return haRequest(core, c, g, action === 'start' ? 'started' : 'stopped');
          }
          return powerTask(core, c, g, action);
        }),
      );
    }
  }
  return out;
}
