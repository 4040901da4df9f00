// Power calls on HA-managed guests only file a request with the HA manager (QUIRKS C7).
import type { SimCore } from '../core.js';
import type { Guest } from '../model/types.js';
import { startGuest, stopGuest } from '../model/guest-factory.js';
import { applyPending } from '../model/pending.js';
import type { Ctx } from './route.js';

export function haRequest(core: SimCore, c: Ctx, g: Guest, target: 'started' | 'stopped'): string {
  const ha = core.state.ha.get(g.vmid);
  const word = target === 'started' ? 'start' : 'stop';
  const task = core.tasks.start({
    node: g.node,
    type: `ha${word}`,
    id: String(g.vmid),
    who: c.who,
    durationMs: 0,
    log: [`Requesting HA ${word} for ${g.type === 'qemu' ? 'VM' : 'CT'} ${g.vmid}`],
  });
  if (ha) {
    ha.state = target;
    ha.crmState = `request_${word}`;
  }
  core.timers.after(core.opts.taskMs, () => {
    if (ha) delete ha.crmState;
    if (!core.state.nodes.get(g.node)?.online) return;
    if (target === 'started' && g.status !== 'running') {
      applyPending(g);
      startGuest(g, core.clock.now(), core.rng);
    }
    if (target === 'stopped' && g.status === 'running') stopGuest(g);
  });
  return task.upid;
}
