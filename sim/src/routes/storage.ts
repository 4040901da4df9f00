// /nodes/{node}/storage: list, status, content.
import type { RequestHandler } from 'msw';
import type { SimCore } from '../core.js';
import { hasPriv, needAnyPriv } from '../core.js';
import type { NodeState, StorageDef, Volume } from '../model/types.js';
import { route, type Ctx } from './route.js';
import { paramError } from '../http.js';
import { storageUsage } from './node-views.js';
import { splitList } from '../model/sizes.js';
import { backupFields, volumesSeenFrom } from './storage-content.js';

function storageEntry(c: Ctx, n: NodeState, s: StorageDef): Record<string, unknown> {
  const u = storageUsage(c, n, s);
  return {
    storage: s.storage,
    type: s.type,
    content: s.content,
    active: 1,
    enabled: 1,
    shared: s.shared,
    total: u.total,
    used: u.used,
    avail: u.avail,
    used_fraction: u.total ? u.used / u.total : 0,
  };
}

const FORMAT: Record<string, string> = { vztmpl: 'tzst', iso: 'iso', backup: 'vma.zst', snippets: 'snippet' };

function contentEntry(v: Volume): Record<string, unknown> {
  const e: Record<string, unknown> = {
    volid: v.volid,
    content: v.content,
    format: v.format || FORMAT[v.content] || 'raw',
    size: v.size,
    ctime: v.ctime,
  };
  if (v.vmid !== undefined) e.vmid = v.vmid;
  if (v.content === 'images' || v.content === 'rootdir') e.used = Math.floor(v.size * 0.3);
  if (v.parent) e.parent = v.parent;
  Object.assign(e, backupFields(v));
  return e;
}

export function storageRoutes(core: SimCore): RequestHandler[] {
  const st = core.state;
  const visible = (c: Ctx) => hasPriv(c.who, 'Datastore.Audit') || hasPriv(c.who, 'Datastore.AllocateSpace');
  return [
    route(core, 'get', '/nodes/:node/storage', (c) => {
      const n = st.node(c.node());
      if (!visible(c)) return [];
      const wanted = c.has('content') ? splitList(c.str('content')) : [];
      const only = c.str('storage');
      return st.storages
        .filter((s) => !only || s.storage === only)
        .filter((s) => wanted.every((w) => s.content.split(',').includes(w)))
        .filter((s) => !c.has('target') || c.str('target') === n.name || s.shared === 1)
        .map((s) => storageEntry(c, n, s));
    }),
    route(core, 'get', '/nodes/:node/storage/:storage', (c) => {
      st.node(c.node());
      st.storage(c.path.storage ?? '');
      return [
        'content',
        'download-url',
        'file-restore',
        'import-metadata',
        'prunebackups',
        'rrd',
        'rrddata',
        'status',
        'upload',
      ].map((subdir) => ({ subdir }));
    }),
    // pve-storage API2/Storage/Status.pm read_status: storage_info's entry, or a parameter error
    route(core, 'get', '/nodes/:node/storage/:storage/status', (c) => {
      const n = st.node(c.node());
      const name = c.path.storage ?? '';
      needAnyPriv(c.who, `/storage/${name}`, 'Datastore.Audit', 'Datastore.AllocateSpace');
      const s = st.storages.find((x) => x.storage === name);
      if (!s) return paramError({ storage: 'No such storage.' });
      const e = storageEntry(c, n, s);
      delete e.storage;
      return e;
    }),
    route(core, 'get', '/nodes/:node/storage/:storage/content', (c) => {
      const n = st.node(c.node());
      const s = st.storage(c.path.storage ?? '');
      needAnyPriv(c.who, `/storage/${s.storage}`, 'Datastore.Audit', 'Datastore.AllocateSpace');
      const content = c.str('content');
      const vmid = c.int('vmid');
      return volumesSeenFrom(st, n.name, s)
        .filter((v) => !content || v.content === content)
        .filter((v) => vmid === undefined || v.vmid === vmid)
        .sort((a, b) => (a.volid < b.volid ? -1 : 1))
        .map(contentEntry);
    }),
  ];
}
