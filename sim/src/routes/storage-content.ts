// One volume of a storage: its attributes (notes, protected: PUT) and its removal (DELETE, an
// `imgdel` task). pve-storage PVE/API2/Storage/Content.pm; a protected volume is refused inside the
// task with Plugin.pm free_image's "cannot remove protected volume '…' on '…'".
import type { RequestHandler } from 'msw';
import type { SimCore } from '../core.js';
import { needPriv } from '../core.js';
import type { StorageDef, Volume } from '../model/types.js';
import type { SimState } from '../model/state.js';
import { findVolume } from '../model/backups.js';
import { fail } from '../http.js';
import { TaskFailure } from '../tasks.js';
import { route, type Ctx } from './route.js';

/** What the content listing adds for a backup; multi-line notes show their first line only. */
export function backupFields(v: Volume): Record<string, unknown> {
  if (v.content !== 'backup') return {};
  const e: Record<string, unknown> = {};
  if (v.subtype) e.subtype = v.subtype;
  if (v.notes !== undefined) e.notes = v.notes.split('\n')[0];
  if (v.protected) e.protected = 1;
  return e;
}

/** A shared storage holds the same volumes whichever node is asked. */
export function volumesSeenFrom(st: SimState, node: string, s: StorageDef): Volume[] {
  if (!s.shared) return st.volumesOn(node, s.storage);
  const seen = new Map<string, Volume>();
  for (const v of st.volumesWhere((x) => x.storage === s.storage)) if (!seen.has(v.volid)) seen.set(v.volid, v);
  return [...seen.values()];
}

/** `{volume}` is a full volid or a volume name on `{storage}`. */
function volumeOf(c: Ctx, node: string): { volid: string; volume: Volume; storage: StorageDef } {
  const storage = c.state.storage(c.path.storage ?? '');
  // a volid holds "/" (backup/…), which msw decodes before matching: read it from the URL itself
  const raw = decodeURIComponent(new URL(c.request.url).pathname.split('/content/')[1] ?? '');
  const volid = raw.includes(':') ? raw : `${storage.storage}:${raw}`;
  const volume = findVolume(c.state, node, volid);
  if (!volume) fail(`volume '${volid}' does not exist`);
  return { volid, volume: volume!, storage };
}

export function storageContentRoutes(core: SimCore): RequestHandler[] {
  const st = core.state;
  const path = '/nodes/:node/storage/:storage/content/:volume+';
  return [
    route(core, 'put', path, (c) => {
      const { volume, storage } = volumeOf(c, c.node());
      needPriv(c.who, `/storage/${storage.storage}`, 'Datastore.Allocate');
      if (c.has('notes')) volume.notes = c.str('notes');
      if (c.has('protected')) volume.protected = c.bool('protected');
      return null;
    }),
    route(core, 'delete', path, (c) => {
      const node = c.node();
      const { volid, volume, storage } = volumeOf(c, node);
      if (volume.content === 'backup' && volume.vmid !== undefined) {
        needPriv(c.who, `/storage/${storage.storage}`, 'Datastore.AllocateSpace');
        needPriv(c.who, `/vms/${volume.vmid}`, 'VM.Backup');
      } else needPriv(c.who, `/storage/${storage.storage}`, 'Datastore.Allocate');
      const id = `${volume.vmid !== undefined ? `${volume.vmid}@` : ''}${storage.storage}`;
      return core.tasks.start({
        node,
        type: 'imgdel',
        id,
        who: c.who,
        run: (t) => {
          if (volume.protected) {
            const name = volid.slice(storage.storage.length + 1);
            throw new TaskFailure(`cannot remove protected volume '${name}' on '${storage.storage}'`);
          }
          st.removeVolume(volume.node, volume.volid);
          t.lines.push(`Removed volume '${volid}'`);
        },
      }).upid;
    }),
  ];
}
