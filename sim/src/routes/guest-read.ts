// Read-only guest routes shared by qemu and lxc: lists, config, pending, status/current.
import type { RequestHandler } from 'msw';
import type { SimCore } from '../core.js';
import { hasPriv, needPriv } from '../core.js';
import type { Config, Guest, GuestType } from '../model/types.js';
import { digestOf } from '../model/guest-factory.js';
import { effectiveConfig } from '../model/guest-facts.js';
import { listEntry, statusCurrent } from '../model/views.js';
import { generatedListEntry } from '../model/generated-views.js';
import { fail } from '../http.js';
import { route, type Ctx } from './route.js';

export function guestOf(c: Ctx, type: GuestType): Guest {
  const node = c.node();
  return c.state.guestAt(node, type, c.vmid());
}

const SECRET_KEYS = new Set(['cipassword', 'password']);

function masked(config: Config): Config {
  const out: Config = {};
  for (const [k, v] of Object.entries(config)) out[k] = SECRET_KEYS.has(k) ? '**********' : v;
  return out;
}

export function configView(g: Guest, current: boolean, snapshot?: string): Record<string, unknown> {
  let config: Config;
  if (snapshot) {
    const snap = g.snapshots.find((s) => s.name === snapshot);
    if (!snap) fail(`snapshot '${snapshot}' does not exist`);
    config = snap!.config;
  } else config = current ? g.config : effectiveConfig(g);
  return { ...masked(config), digest: digestOf(g.config) };
}

export function pendingView(g: Guest): Record<string, unknown>[] {
  const keys = new Set([...Object.keys(g.config), ...Object.keys(g.pending), ...g.pendingDelete]);
  return [...keys].sort().map((key) => {
    const e: Record<string, unknown> = { key };
    const secret = SECRET_KEYS.has(key);
    if (g.config[key] !== undefined) e.value = secret ? '**********' : g.config[key];
    if (g.pending[key] !== undefined) e.pending = secret ? '**********' : g.pending[key];
    if (g.pendingDelete.has(key)) e.delete = 1;
    return e;
  });
}

export function guestReadRoutes(core: SimCore): RequestHandler[] {
  const st = core.state;
  const out: RequestHandler[] = [];
  for (const type of ['qemu', 'lxc'] as const) {
    out.push(
      route(core, 'get', `/nodes/:node/${type}`, (c) => {
        const node = st.node(c.node());
        if (!hasPriv(c.who, 'VM.Audit')) return [];
        const now = core.clock.now();
        const full = c.bool('full');
        const list: Record<string, unknown>[] = [];
        const gen = st.generated;
        for (const g of st.guests.scan()) {
          // an untouched generated guest is listed from its numbers, not built
          if (typeof g === 'number') {
            if (gen!.node(g) === node.name && gen!.type(g) === type) list.push(generatedListEntry(gen!, g, now, full));
          } else if (g.node === node.name && g.type === type) list.push(listEntry(g, node, now, full));
        }
        return list;
      }),
      route(core, 'get', `/nodes/:node/${type}/:vmid/config`, (c) => {
        const g = guestOf(c, type);
        needPriv(c.who, `/vms/${g.vmid}`, 'VM.Audit');
        return configView(g, c.bool('current'), c.str('snapshot'));
      }),
      route(core, 'get', `/nodes/:node/${type}/:vmid/pending`, (c) => {
        const g = guestOf(c, type);
        needPriv(c.who, `/vms/${g.vmid}`, 'VM.Audit');
        return pendingView(g);
      }),
      route(core, 'get', `/nodes/:node/${type}/:vmid/status/current`, (c) => {
        const g = guestOf(c, type);
        needPriv(c.who, `/vms/${g.vmid}`, 'VM.Audit');
        return statusCurrent(g, st.node(g.node), st.ha.get(g.vmid), core.clock.now());
      }),
      route(core, 'get', `/nodes/:node/${type}/:vmid`, (c) => {
        const g = guestOf(c, type);
        needPriv(c.who, `/vms/${g.vmid}`, 'VM.Audit');
        const sub =
          type === 'qemu'
            ? ['agent', 'clone', 'config', 'firewall', 'migrate', 'pending', 'rrd', 'snapshot', 'status', 'template']
            : [
                'clone',
                'config',
                'firewall',
                'interfaces',
                'migrate',
                'pending',
                'rrd',
                'snapshot',
                'status',
                'template',
              ];
        return sub.map((subdir) => ({ subdir }));
      }),
    );
  }
  return out;
}
