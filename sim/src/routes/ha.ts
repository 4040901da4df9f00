// /cluster/ha/resources and /cluster/ha/status/current.
import type { RequestHandler } from 'msw';
import type { SimCore } from '../core.js';
import { needPriv } from '../core.js';
import type { HaResource } from '../model/types.js';
import { startGuest, stopGuest } from '../model/guest-factory.js';
import { digestOf } from '../model/guest-factory.js';
import { fail } from '../http.js';
import { route, type Ctx } from './route.js';

const STATES = ['started', 'stopped', 'enabled', 'disabled', 'ignored'] as const;

function view(r: HaResource): Record<string, unknown> {
  const e: Record<string, unknown> = {
    sid: r.sid,
    type: r.type,
    state: r.state,
    max_restart: r.max_restart,
    max_relocate: r.max_relocate,
    failback: r.failback,
  };
  if (r.comment) e.comment = r.comment;
  e.digest = digestOf({ sid: r.sid, state: r.state, comment: r.comment ?? '' });
  return e;
}

function findSid(c: Ctx, raw: string): HaResource {
  const vmid = Number(raw.replace(/^(vm|ct):/, ''));
  const r = c.state.ha.get(vmid);
  if (!r) fail(`no such resource '${raw}'`);
  return r!;
}

// The HA manager acts on the requested state a little later.
function enforce(core: SimCore, r: HaResource): void {
  const g = core.state.guests.get(r.vmid);
  if (!g) return;
  const want =
    r.state === 'started' || r.state === 'enabled' ? 'running' : r.state === 'ignored' ? g.status : 'stopped';
  if (want === g.status) return;
  r.crmState = want === 'running' ? 'request_start' : 'request_stop';
  core.timers.after(core.opts.taskMs, () => {
    delete r.crmState;
    if (!core.state.nodes.get(g.node)?.online) return;
    if (want === 'running' && g.status !== 'running') startGuest(g, core.clock.now(), core.rng);
    if (want === 'stopped' && g.status === 'running') stopGuest(g);
  });
}

function setFields(c: Ctx, r: HaResource): void {
  const state = c.str('state');
  if (state !== undefined) r.state = state as HaResource['state'];
  if (c.has('max_restart')) r.max_restart = c.int('max_restart')!;
  if (c.has('max_relocate')) r.max_relocate = c.int('max_relocate')!;
  if (c.has('failback')) r.failback = c.bool('failback') ? 1 : 0;
  if (c.has('comment')) r.comment = c.str('comment');
}

export function haRoutes(core: SimCore): RequestHandler[] {
  const st = core.state;
  return [
    route(core, 'get', '/cluster/ha/resources', (c) => {
      needPriv(c.who, '/', 'Sys.Audit');
      const type = c.str('type');
      return [...st.ha.values()].filter((r) => !type || r.type === type).map(view);
    }),
    route(core, 'get', '/cluster/ha/resources/:sid', (c) => {
      needPriv(c.who, '/', 'Sys.Audit');
      return view(findSid(c, c.path.sid ?? ''));
    }),
    route(core, 'post', '/cluster/ha/resources', (c) => {
      needPriv(c.who, '/', 'Sys.Console');
      const sid = c.need('sid');
      const vmid = Number(sid.replace(/^(vm|ct):/, ''));
      const g = st.guests.get(vmid);
      if (!g || !/^((vm|ct):)?\d+$/.test(sid)) fail(`unable to find VM/CT '${sid}'`);
      const type = g!.type === 'qemu' ? 'vm' : 'ct';
      if (st.ha.has(vmid)) fail(`resource ID '${type}:${vmid}' already defined`);
      const state = c.str('state') ?? 'started';
      if (!STATES.includes(state as HaResource['state'])) fail(`invalid state '${state}'`, 400);
      const r: HaResource = {
        sid: `${type}:${vmid}`,
        type,
        vmid,
        state: 'started',
        max_restart: 1,
        max_relocate: 1,
        failback: 1,
      };
      setFields(c, r);
      st.ha.set(vmid, r);
      enforce(core, r);
      return null;
    }),
    route(core, 'put', '/cluster/ha/resources/:sid', (c) => {
      needPriv(c.who, '/', 'Sys.Console');
      const r = findSid(c, c.path.sid ?? '');
      setFields(c, r);
      enforce(core, r);
      return null;
    }),
    route(core, 'delete', '/cluster/ha/resources/:sid', (c) => {
      needPriv(c.who, '/', 'Sys.Console');
      const r = findSid(c, c.path.sid ?? '');
      st.ha.delete(r.vmid);
      return null;
    }),
    route(core, 'get', '/cluster/ha/status/current', (c) => {
      needPriv(c.who, '/', 'Sys.Audit');
      const now = Math.floor(core.clock.now() / 1000);
      const nodes = [...st.nodes.values()];
      const master = nodes.find((n) => n.online)?.name ?? 'pve1';
      const out: Record<string, unknown>[] = [
        {
          id: 'quorum',
          type: 'quorum',
          node: master,
          status: st.quorate() ? 'OK' : 'No quorum on node',
          quorate: st.quorate() ? 1 : 0,
        },
        {
          id: 'master',
          type: 'master',
          node: master,
          status: `${master} (active, ${new Date(core.clock.now()).toUTCString()})`,
          timestamp: now,
        },
      ];
      for (const n of nodes) {
        out.push({
          id: `lrm:${n.name}`,
          type: 'lrm',
          node: n.name,
          status: n.online
            ? `${n.name} (active, ${new Date(core.clock.now()).toUTCString()})`
            : `${n.name} (old timestamp - dead?, ${new Date(core.clock.now()).toUTCString()})`,
          timestamp: now,
        });
      }
      for (const r of st.ha.values()) {
        const g = st.guests.get(r.vmid);
        const crm = r.crmState ?? r.state;
        out.push({
          id: `service:${r.sid}`,
          type: 'service',
          sid: r.sid,
          node: g?.node ?? '',
          state: crm,
          crm_state: crm,
          request_state: r.state,
          status: `${r.sid} (${g?.node ?? '?'}, ${crm})`,
          max_restart: r.max_restart,
          max_relocate: r.max_relocate,
          failback: r.failback,
        });
      }
      return out;
    }),
  ];
}
