// PUT (sync) and POST (async, qemu only) …/config: sets, deletes, reverts; pending while running.
import type { RequestHandler } from 'msw';
import type { SimCore } from '../core.js';
import { checkNotLocked, needPriv } from '../core.js';
import type { Config, Guest, GuestType } from '../model/types.js';
import { digestOf } from '../model/guest-factory.js';
import { normalizeValue } from '../model/config-values.js';
import { privForKey } from '../model/config-privs.js';
import { planDisks } from '../model/disks.js';
import { staysPending } from '../model/pending.js';
import { isDiskKey, splitList } from '../model/sizes.js';
import { hex } from '../model/random.js';
import { fail } from '../http.js';
import { route, type Ctx } from './route.js';
import { guestOf } from './guest-read.js';

const NOT_OPTIONS = new Set(['node', 'vmid', 'delete', 'revert', 'digest', 'force', 'skiplock', 'background_delay']);

function freeUnused(g: Guest): string {
  for (let i = 0; ; i++) if (g.config[`unused${i}`] === undefined) return `unused${i}`;
}

function prepareUpdate(core: SimCore, c: Ctx, g: Guest, type: GuestType): () => void {
  const digest = c.str('digest');
  const skiplock = c.skiplock();
  if (digest && digest !== digestOf(g.config))
    fail('detected modified configuration - file changed by other user? Try again.');
  checkNotLocked(g, skiplock);
  const sets: Config = {};
  const disks: [string, string][] = [];
  for (const [k, v] of Object.entries(c.params)) {
    if (NOT_OPTIONS.has(k) || v === undefined) continue;
    if (type === 'lxc' && k === 'unprivileged') fail("unable to modify read-only option: 'unprivileged'");
    needPriv(c.who, `/vms/${g.vmid}`, privForKey(type, k, String(v)));
    if (isDiskKey(k)) disks.push([k, String(v)]);
    else if (k === 'cipassword') sets[k] = `$5$${hex(core.rng, 8)}$${hex(core.rng, 21)}`;
    else sets[k] = normalizeValue(type, k, v, core.rng);
  }
  const deletes = splitList(c.str('delete'));
  const reverts = splitList(c.str('revert'));
  for (const k of [...deletes, ...reverts])
    needPriv(c.who, `/vms/${g.vmid}`, privForKey(type, k, String(g.config[k] ?? '')));
  for (const k of deletes) if (sets[k] !== undefined) fail(`unable to delete '${k}' - option is also set`, 500);
  const plan = planDisks(c.state, g.node, g.vmid, type, disks);
  return () => {
    for (const v of plan.volumes) c.state.addVolume(v);
    for (const k of reverts) {
      delete g.pending[k];
      g.pendingDelete.delete(k);
    }
    for (const [k, v] of Object.entries({ ...sets, ...plan.config })) {
      // new disks are hot-plugged; other changes to a running guest wait for a reboot
      if (staysPending(g, k) && !plan.config[k]) {
        g.pending[k] = v;
      } else {
        g.config[k] = v;
        delete g.pending[k];
      }
      g.pendingDelete.delete(k);
    }
    for (const k of deletes) {
      if (g.config[k] === undefined && g.pending[k] !== undefined) delete g.pending[k];
      else if (staysPending(g, k)) g.pendingDelete.add(k);
      else {
        const old = g.config[k];
        delete g.config[k];
        if (isDiskKey(k) && old !== undefined && !String(old).includes('media=cdrom') && !c.bool('force')) {
          g.config[freeUnused(g)] = String(old).split(',')[0] ?? String(old);
        }
      }
    }
  };
}

export function configWriteRoutes(core: SimCore): RequestHandler[] {
  const out: RequestHandler[] = [];
  for (const type of ['qemu', 'lxc'] as const) {
    out.push(
      route(core, 'put', `/nodes/:node/${type}/:vmid/config`, (c) => {
        const g = guestOf(c, type);
        prepareUpdate(core, c, g, type)();
        return null;
      }),
    );
  }
  out.push(
    route(core, 'post', '/nodes/:node/qemu/:vmid/config', (c) => {
      const g = guestOf(c, 'qemu');
      const apply = prepareUpdate(core, c, g, 'qemu');
      return core.tasks.start({ node: g.node, type: 'qmconfig', id: String(g.vmid), who: c.who, run: apply }).upid;
    }),
  );
  return out;
}
