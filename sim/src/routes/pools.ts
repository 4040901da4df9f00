// /pools (GET with optional poolid, POST, PUT, DELETE) and the deprecated /pools/{poolid}.
import type { RequestHandler } from 'msw';
import type { SimCore } from '../core.js';
import { hasPriv, needPriv } from '../core.js';
import type { Pool } from '../model/types.js';
import { fail } from '../http.js';
import { splitList } from '../model/sizes.js';
import { route, type Ctx } from './route.js';

function members(c: Ctx, p: Pool, type?: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (!type || type === 'qemu' || type === 'lxc') {
    for (const g of c.state.guests.scan()) {
      // an untouched generated guest is in no pool: joining one touches it
      if (typeof g === 'number') continue;
      if (g.pool !== p.poolid || (type && g.type !== type)) continue;
      out.push({
        id: `${g.type}/${g.vmid}`,
        type: g.type,
        vmid: g.vmid,
        node: g.node,
        status: g.status,
        name: String(g.config.name ?? g.config.hostname ?? ''),
      });
    }
  }
  if (!type || type === 'storage') {
    for (const s of p.storages)
      for (const n of c.state.nodes.keys()) out.push({ id: `storage/${n}/${s}`, type: 'storage', storage: s, node: n });
  }
  return out;
}

function pool(c: Ctx, id: string): Pool {
  const p = c.state.pools.get(id);
  if (!p) fail(`pool '${id}' does not exist`);
  return p!;
}

function update(c: Ctx, id: string): null {
  needPriv(c.who, `/pool/${id}`, 'Pool.Allocate');
  const p = pool(c, id);
  const remove = c.bool('delete');
  if (c.has('comment')) p.comment = c.str('comment');
  for (const v of splitList(c.str('vms'))) {
    const g = c.state.guests.get(Number(v));
    if (!g) fail(`no such VMID '${v}'`);
    if (remove) {
      if (g!.pool === id) delete g!.pool;
    } else {
      if (g!.pool && g!.pool !== id && !c.bool('allow-move')) fail(`VM ${v} is already a pool member`);
      g!.pool = id;
    }
  }
  for (const s of splitList(c.str('storage'))) {
    c.state.storage(s);
    if (remove) p.storages.delete(s);
    else p.storages.add(s);
  }
  return null;
}

function remove(c: Ctx, id: string): null {
  needPriv(c.who, `/pool/${id}`, 'Pool.Allocate');
  const p = pool(c, id);
  if (members(c, p).length > 0) fail('pool is not empty');
  c.state.pools.delete(id);
  return null;
}

export function poolRoutes(core: SimCore): RequestHandler[] {
  const st = core.state;
  return [
    route(core, 'get', '/pools', (c) => {
      const id = c.str('poolid');
      if (id) {
        needPriv(c.who, `/pool/${id}`, 'Pool.Audit');
        const p = pool(c, id);
        return [
          { poolid: p.poolid, ...(p.comment ? { comment: p.comment } : {}), members: members(c, p, c.str('type')) },
        ];
      }
      if (!hasPriv(c.who, 'Pool.Audit')) return [];
      return [...st.pools.values()].map((p) => ({ poolid: p.poolid, ...(p.comment ? { comment: p.comment } : {}) }));
    }),
    route(core, 'post', '/pools', (c) => {
      const id = c.need('poolid');
      needPriv(c.who, `/pool/${id}`, 'Pool.Allocate');
      if (st.pools.has(id)) fail(`pool '${id}' already exists`);
      st.pools.set(id, { poolid: id, ...(c.has('comment') ? { comment: c.str('comment') } : {}), storages: new Set() });
      return null;
    }),
    route(core, 'put', '/pools', (c) => update(c, c.need('poolid'))),
    route(core, 'delete', '/pools', (c) => remove(c, c.need('poolid'))),
    route(core, 'get', '/pools/:poolid', (c) => {
      const id = c.path.poolid ?? '';
      needPriv(c.who, `/pool/${id}`, 'Pool.Audit');
      const p = pool(c, id);
      return { ...(p.comment ? { comment: p.comment } : {}), members: members(c, p, c.str('type')) };
    }),
    route(core, 'put', '/pools/:poolid', (c) => update(c, c.path.poolid ?? '')),
    route(core, 'delete', '/pools/:poolid', (c) => remove(c, c.path.poolid ?? '')),
  ];
}
