// Snapshots: list (with the `current` pseudo entry), create, delete, rollback, snapshot config.
import type { RequestHandler } from 'msw';
import type { SimCore } from '../core.js';
import { checkNotLocked, needPriv } from '../core.js';
import type { Config, Guest } from '../model/types.js';
import { startGuest, stopGuest } from '../model/guest-factory.js';
import { fail } from '../http.js';
import { TaskFailure } from '../tasks.js';
import { route, type Ctx } from './route.js';
import { guestOf } from './guest-read.js';

function list(g: Guest): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = g.snapshots.map((s) => {
    const e: Record<string, unknown> = { name: s.name, description: s.description, snaptime: s.snaptime };
    if (s.parent) e.parent = s.parent;
    if (g.type === 'qemu') e.vmstate = s.vmstate ?? 0;
    return e;
  });
  const current: Record<string, unknown> = { name: 'current', description: 'You are here!' };
  if (g.config.parent !== undefined) current.parent = String(g.config.parent);
  if (g.status === 'running') current.running = 1;
  return [...out, current];
}

function snapTask(core: SimCore, c: Ctx, g: Guest, kind: string, lock: string, run: () => void): string {
  checkNotLocked(g);
  g.config.lock = lock;
  const unlock = () => {
    if (g.config.lock === lock) delete g.config.lock;
  };
  return core.tasks.start({
    node: g.node,
    type: kind,
    id: String(g.vmid),
    who: c.who,
    run: () => {
      unlock();
      run();
    },
    onAbort: unlock,
  }).upid;
}

function stripped(config: Config): Config {
  const out = { ...config };
  delete out.lock;
  delete out.parent;
  return out;
}

export function snapshotRoutes(core: SimCore): RequestHandler[] {
  const out: RequestHandler[] = [];
  for (const type of ['qemu', 'lxc'] as const) {
    const base = `/nodes/:node/${type}/:vmid/snapshot`;
    const p = type === 'qemu' ? 'qm' : 'vz';
    const audit = (c: Ctx): Guest => {
      const g = guestOf(c, type);
      needPriv(c.who, `/vms/${g.vmid}`, 'VM.Audit');
      return g;
    };
    const snapper = (c: Ctx, ...privs: string[]): Guest => {
      const g = guestOf(c, type);
      needPriv(c.who, `/vms/${g.vmid}`, ...privs);
      return g;
    };
    const snapshot = (g: Guest, name: string) => g.snapshots.find((s) => s.name === name);
    out.push(
      route(core, 'get', base, (c) => list(audit(c))),
      route(core, 'post', base, (c) => {
        const g = snapper(c, 'VM.Snapshot');
        const name = c.need('snapname');
        if (name === 'current') fail("unable to use snapshot name 'current' (reserved name)");
        return snapTask(core, c, g, `${p}snapshot`, 'snapshot', () => {
          if (snapshot(g, name)) throw new TaskFailure(`snapshot name '${name}' already used`);
          const parent = g.config.parent === undefined ? undefined : String(g.config.parent);
          g.snapshots.push({
            name,
            description: c.str('description') ?? '',
            snaptime: Math.floor(core.clock.now() / 1000),
            ...(parent ? { parent } : {}),
            vmstate: type === 'qemu' && c.bool('vmstate') ? 1 : 0,
            config: stripped(g.config),
          });
          g.config.parent = name;
        });
      }),
      route(core, 'get', `${base}/:snapname`, (c) => {
        audit(c);
        return [
          { rel: 'child', href: 'config' },
          { rel: 'child', href: 'rollback' },
        ];
      }),
      route(core, 'get', `${base}/:snapname/config`, (c) => {
        const g = audit(c);
        const s = snapshot(g, c.path.snapname ?? '');
        if (!s) fail(`snapshot '${c.path.snapname}' does not exist`);
        return {
          ...s!.config,
          snaptime: s!.snaptime,
          description: s!.description,
          ...(s!.parent ? { parent: s!.parent } : {}),
        };
      }),
      route(core, 'put', `${base}/:snapname/config`, (c) => {
        const g = snapper(c, 'VM.Snapshot');
        const s = snapshot(g, c.path.snapname ?? '');
        if (!s) fail(`snapshot '${c.path.snapname}' does not exist`);
        if (c.has('description')) s!.description = c.str('description')!;
        return null;
      }),
      route(core, 'delete', `${base}/:snapname`, (c) => {
        const g = snapper(c, 'VM.Snapshot');
        const name = c.path.snapname ?? '';
        return snapTask(core, c, g, `${p}delsnapshot`, 'snapshot-delete', () => {
          const s = snapshot(g, name);
          if (!s) throw new TaskFailure(`snapshot '${name}' does not exist`);
          for (const other of g.snapshots) if (other.parent === name) other.parent = s.parent;
          if (g.config.parent === name) {
            if (s.parent) g.config.parent = s.parent;
            else delete g.config.parent;
          }
          g.snapshots = g.snapshots.filter((x) => x !== s);
        });
      }),
      route(core, 'post', `${base}/:snapname/rollback`, (c) => {
        const g = snapper(c, 'VM.Snapshot', 'VM.Snapshot.Rollback');
        const name = c.path.snapname ?? '';
        const start = c.bool('start');
        return snapTask(core, c, g, `${p}rollback`, 'rollback', () => {
          const s = snapshot(g, name);
          if (!s) throw new TaskFailure(`snapshot '${name}' does not exist`);
          if (g.status === 'running' && !s.vmstate) stopGuest(g);
          g.config = { ...s.config, parent: name };
          g.pending = {};
          g.pendingDelete.clear();
          if (start && g.status !== 'running') startGuest(g, core.clock.now(), core.rng);
        });
      }),
    );
  }
  return out;
}
