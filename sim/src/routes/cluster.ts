// /version and /cluster/{resources,status,nextid,tasks}.
import type { RequestHandler } from 'msw';
import type { SimCore } from '../core.js';
import { hasPriv, needPriv } from '../core.js';
import { paramError } from '../http.js';
import { resourceEntry } from '../model/views.js';
import { BLOCK, GeneratedBlock, GeneratedRow, blockKeys } from '../model/generated-views.js';
import { cachedAnswer, nextSecond, type Uptimes } from '../model/answer-cache.js';
import { addToPool, localNetworkEntry, poolEntry } from '../model/pool-entry.js';
import { nodeResource, storageResource } from './node-views.js';
import { route, type Ctx } from './route.js';

export function clusterRoutes(core: SimCore): RequestHandler[] {
  const st = core.state;
  return [
    route(core, 'get', '/version', () => ({
      version: '9.1.4',
      release: '9.1',
      repoid: '5a5e3f4b9c1d2e7f',
      console: 'html5',
    })),

    // Built once per state generation, type filter and privileges (answer-cache.ts); pure: it
    // changes nothing, so serving it keeps the cache.
    route(
      core,
      'get',
      '/cluster/resources',
      (c) => {
        const type = c.str('type');
        const privs = PRIVS.map((p) => (p.some((q) => hasPriv(c.who, q)) ? 1 : 0)).join('');
        return cachedAnswer(st, `${type ?? ''}|${privs}`, core.clock.now(), (u) => resources(c, type, u));
      },
      true,
    ),

    route(core, 'get', '/cluster/status', (c) => {
      needPriv(c.who, '/', 'Sys.Audit');
      const nodes = [...st.nodes.values()];
      return [
        {
          type: 'cluster',
          id: 'cluster',
          name: st.clusterName,
          nodes: nodes.length,
          quorate: st.quorate() ? 1 : 0,
          version: nodes.length + 2,
        },
        ...nodes.map((n, i) => ({
          type: 'node',
          id: `node/${n.name}`,
          name: n.name,
          nodeid: n.nodeid,
          ip: n.ip,
          online: n.online ? 1 : 0,
          local: i === 0 ? 1 : 0,
          level: '',
        })),
      ];
    }),

    route(core, 'get', '/cluster/nextid', (c) => nextId(c)),

    // Each node broadcasts its running tasks plus its latest ended ones, 25 in all unless more run
    // (pve-common src/PVE/RESTEnvironment.pm active_workers, $MAX_FINISHED; pve-cluster
    // src/PVE/Cluster.pm get_tasklist joins the nodes' lists).
    route(core, 'get', '/cluster/tasks', (c) => {
      const all = hasPriv(c.who, 'Sys.Audit');
      const slots = new Map<string, number>();
      for (const t of core.tasks.all) if (t.status === 'running') slots.set(t.node, (slots.get(t.node) ?? 0) + 1);
      const ended = new Map<string, number>();
      const kept = [...core.tasks.all].reverse().filter((t) => {
        if (t.status === 'running') return true;
        const n = ended.get(t.node) ?? 0;
        ended.set(t.node, n + 1);
        return n < 25 - (slots.get(t.node) ?? 0);
      });
      return kept
        .filter((t) => all || t.spec.who.authid === c.who.authid)
        .slice(0, 200)
        .map((t) => {
          const r = core.tasks.record(t);
          if (t.status === 'stopped') {
            r.status = t.exitstatus;
            r.endtime = t.endtime;
          }
          return r;
        });
    }),
  ];
}

// The privileges /cluster/resources depends on (either of a group is enough).
const PRIVS = [
  ['Pool.Audit'],
  ['VM.Audit'],
  ['Sys.Audit'],
  ['Datastore.Audit', 'Datastore.AllocateSpace'],
  ['SDN.Audit'],
];

// Each uptime goes in as a hole of `u` (answer-cache.ts), filled in per second when served.
function resources(c: Ctx, type: string | undefined, u: Uptimes): object[] {
  const st = c.state;
  const now = c.core.clock.now();
  const out: object[] = []; // entries, and GeneratedRow/GeneratedBlock, entries once serialised
  // Cluster.pm resources: pools, guests, nodes, storages, then SDN/network entries
  const pools = new Map<string, Record<string, unknown>>();
  const poolSince = new Map<string, number>(); // the start of a pool's longest-running member
  if (!type && hasPriv(c.who, 'Pool.Audit')) {
    for (const p of st.pools.values()) pools.set(p.poolid, poolEntry(p.poolid));
    out.push(...pools.values());
  }
  if (!type || type === 'vm') {
    const audit = hasPriv(c.who, 'VM.Audit');
    const showPool = hasPriv(c.who, 'Pool.Audit');
    const gen = st.generated;
    const at = gen && { st, gen, now, u };
    const blockKey = gen && audit ? blockKeys(st, gen) : undefined;
    let skipTo = -1; // the end of the block just listed
    for (const g of st.guests.scan()) {
      if (typeof g === 'number') {
        // an untouched generated guest: its entry is read from its numbers when serialised; a
        // whole untouched block of them keeps its text from the last build
        if (!audit || g < skipTo) continue;
        const end = Math.min(g + BLOCK, gen!.count);
        if (g % BLOCK === 0 && st.guests.untouchedRun(g, end)) {
          out.push(new GeneratedBlock(g, blockKey!(g), at!));
          skipTo = end;
        } else out.push(new GeneratedRow(g, at!));
        continue;
      }
      const e = resourceEntry(g, st.node(g.node), st.ha.get(g.vmid), showPool, now);
      const pe = g.pool === undefined ? undefined : pools.get(g.pool);
      if (pe) {
        addToPool(pe, e);
        // a member still at uptime 0 joins the pool's sums a second later: build anew then
        if (e.uptime === 0 && g.status === 'running')
          u.validUntil = Math.min(u.validUntil, nextSecond(g.startedAt, now));
        else if (Number(e.uptime) > 0)
          poolSince.set(g.pool!, Math.min(poolSince.get(g.pool!) ?? Infinity, g.startedAt));
      }
      if (audit && e.uptime !== undefined && g.status === 'running') e.uptime = u.hole(g.startedAt);
      if (audit) out.push(e);
    }
  }
  for (const [pool, since] of poolSince) pools.get(pool)!.uptime = u.hole(since);
  if (!type || type === 'node') {
    for (const n of st.nodes.values()) {
      const e = nodeResource(c, n);
      if (e.uptime !== undefined) e.uptime = u.hole(n.bootedAt);
      out.push(e);
    }
  }
  if (!type || type === 'storage') {
    if (hasPriv(c.who, 'Datastore.Audit') || hasPriv(c.who, 'Datastore.AllocateSpace')) {
      for (const n of st.nodes.values()) for (const s of st.storages) out.push(storageResource(c, n, s));
    }
  }
  if (!type && hasPriv(c.who, 'SDN.Audit')) for (const n of st.nodes.keys()) out.push(localNetworkEntry(n));
  return out;
}

// The id comes back as a JSON string, like the real server (QUIRKS B1).
function nextId(c: Ctx): string {
  const st = c.state;
  const f = c.core.faults;
  const wanted = c.int('vmid');
  if (wanted !== undefined) {
    if (st.guests.has(wanted)) paramError({ vmid: `VM ${wanted} already exists` });
    return String(wanted);
  }
  const free = st.nextFreeId();
  if (f.staleNextId > 0 && st.guests.size > 0) {
    // a hint that raced with another create: an id somebody already holds
    f.staleNextId--;
    let taken = free - 1;
    while (taken >= 100 && !st.guests.has(taken)) taken--;
    if (taken < 100) taken = Math.min(...st.guests.keys());
    return String(taken);
  }
  return String(free);
}
