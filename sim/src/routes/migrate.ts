// GET/POST …/migrate: the guest moves to `target` when the task ends.
import type { RequestHandler } from 'msw';
import type { SimCore } from '../core.js';
import { checkNotLocked, needPriv } from '../core.js';
import type { Guest, GuestType } from '../model/types.js';
import { startGuest, stopGuest } from '../model/guest-factory.js';
import { ownedVolids } from '../model/volumes-of.js';
import { fail } from '../http.js';
import { TaskFailure } from '../tasks.js';
import { route, type Ctx } from './route.js';
import { guestOf } from './guest-read.js';

function moveTo(core: SimCore, g: Guest, target: string): void {
  const st = core.state;
  for (const volid of ownedVolids(st, g)) {
    const vol = st.volume(g.node, volid);
    if (!vol) continue;
    st.removeVolume(g.node, volid);
    st.addVolume({ ...vol, node: target });
  }
  g.node = target;
}

function migrate(core: SimCore, c: Ctx, g: Guest, type: GuestType): string {
  const st = core.state;
  needPriv(c.who, `/vms/${g.vmid}`, 'VM.Migrate');
  checkNotLocked(g);
  const target = c.need('target');
  if (target === g.node) fail('target is local node.');
  if (!st.node(target).online) fail(`target node '${target}' not online`);
  const running = g.status === 'running';
  if (type === 'qemu' && running && !c.bool('online')) fail("can't migrate running VM without --online");
  if (type === 'lxc' && running && c.bool('online')) fail('lxc live migration is currently not implemented');
  if (type === 'lxc' && running && !c.bool('restart'))
    fail("can't migrate running container without --online or --restart");
  const ha = st.ha.get(g.vmid);
  if (ha && ha.state !== 'ignored') {
    const task = core.tasks.start({
      node: g.node,
      type: 'hamigrate',
      id: String(g.vmid),
      who: c.who,
      durationMs: 0,
      log: [`Requesting HA migration for ${type === 'qemu' ? 'VM' : 'CT'} ${g.vmid} to node ${target}`],
    });
    ha.crmState = 'migrate';
    core.timers.after(core.opts.taskMs, () => {
      delete ha.crmState;
      if (st.nodes.get(target)?.online) moveTo(core, g, target);
    });
    return task.upid;
  }
  const from = g.node;
  const targetIp = st.node(target).ip;
  g.config.lock = 'migrate';
  const unlock = () => {
    if (g.config.lock === 'migrate') delete g.config.lock;
  };
  const word = type === 'qemu' ? 'VM' : 'CT';
  return core.tasks.start({
    node: from,
    type: type === 'qemu' ? 'qmigrate' : 'vzmigrate',
    id: String(g.vmid),
    who: c.who,
    log: [`starting migration of ${word} ${g.vmid} to node '${target}' (${targetIp})`],
    progress: [`migration status: active (transferred 0.5 GiB)`],
    run: (t) => {
      unlock();
      if (!st.nodes.get(target)?.online) throw new TaskFailure(`migration aborted: target node '${target}' not online`);
      const restart = type === 'lxc' && g.status === 'running';
      if (restart) stopGuest(g);
      moveTo(core, g, target);
      if (restart) startGuest(g, core.clock.now(), core.rng);
      t.lines.push(
        `migration finished successfully (duration 00:00:0${Math.max(1, Math.round(core.opts.taskMs / 1000))})`,
      );
    },
    onAbort: unlock,
  }).upid;
}

function preconditions(c: Ctx, g: Guest): Record<string, unknown> {
  const st = c.state;
  needPriv(c.who, `/vms/${g.vmid}`, 'VM.Migrate');
  const others = [...st.nodes.values()].filter((n) => n.name !== g.node);
  const notAllowed: Record<string, unknown> = {};
  for (const n of others) if (!n.online) notAllowed[n.name] = { reason: 'offline' };
  return {
    running: g.status === 'running' ? 1 : 0,
    allowed_nodes: others.filter((n) => n.online).map((n) => n.name),
    not_allowed_nodes: notAllowed,
    local_disks: ownedVolids(st, g).map((volid) => ({
      volid,
      size: st.volume(g.node, volid)?.size ?? 0,
      cdrom: 0,
      is_unused: 0,
    })),
    local_resources: [],
    'mapped-resources': [],
    'mapped-resource-info': {},
    'has-dbus-vmstate': 0,
  };
}

export function migrateRoutes(core: SimCore): RequestHandler[] {
  const out: RequestHandler[] = [];
  for (const type of ['qemu', 'lxc'] as const) {
    out.push(
      route(core, 'get', `/nodes/:node/${type}/:vmid/migrate`, (c) => preconditions(c, guestOf(c, type))),
      route(core, 'post', `/nodes/:node/${type}/:vmid/migrate`, (c) => migrate(core, c, guestOf(c, type), type)),
    );
  }
  return out;
}
