// POST …/storage/{storage}/upload (multipart) and DELETE …/storage/{storage}/content/{volume}, as
// pve-storage has them (PVE/API2/Storage/Status.pm `upload`, PVE/API2/Storage/Content.pm `delete`):
// both answer a task's UPID; an upload overwrites a file of the same name.
import type { RequestHandler } from 'msw';
import type { SimCore } from '../core.js';
import { needPriv } from '../core.js';
import type { Volume } from '../model/types.js';
import { fail, paramError, uploadedFile } from '../http.js';
import { TaskFailure } from '../tasks.js';
import { route } from './route.js';

const DIRS: Record<string, string> = { iso: 'template/iso', vztmpl: 'template/cache', import: 'import' };

/** An ISO 9660 image has "CD001" at byte 1 of sector 16 (what `file_size_info` recognises). */
function looksLikeIso(data: Buffer): boolean {
  return data.length >= 16 * 2048 + 6 && data.subarray(16 * 2048 + 1, 16 * 2048 + 6).toString() === 'CD001';
}

export function uploadRoutes(core: SimCore): RequestHandler[] {
  const st = core.state;
  return [
    route(core, 'post', '/nodes/:node/storage/:storage/upload', (c) => {
      const node = c.node();
      const s = st.storage(c.path.storage ?? '');
      needPriv(c.who, `/storage/${s.storage}`, 'Datastore.AllocateTemplate');
      const data = uploadedFile(c.request);
      if (!data) fail("upload 'Content-Type' not implemented: send multipart/form-data", 501);
      if (s.type !== 'dir') fail(`can't upload to storage type '${s.type}'`);
      const content = c.need('content');
      const filename = c.need('filename').replace(/[^a-zA-Z0-9_.-]/g, '_'); // normalize_content_filename
      if (content === 'iso' && !/\.(iso|img)$/i.test(filename)) paramError({ filename: 'wrong file extension' });
      if (!s.content.split(',').includes(content)) fail(`storage '${s.storage}' does not support '${content}' content`);
      const dest = `/var/lib/vz/${DIRS[content] ?? content}/${filename}`;
      const vol: Volume = {
        volid: `${s.storage}:${content}/${filename}`,
        node,
        storage: s.storage,
        content: content as Volume['content'],
        format: content === 'iso' ? 'iso' : 'raw',
        size: data!.length,
        ctime: 0,
        data: data!,
      };
      return core.tasks.start({
        node,
        type: 'imgcopy',
        id: '',
        who: c.who,
        log: ['starting file import from: /var/tmp/pveupload-5e3d1c'],
        run: (t) => {
          if (content === 'iso' && !looksLikeIso(data!)) throw new TaskFailure('not an ISO image');
          t.lines.push(`target node: ${node}`, `target file: ${dest}`, `file size is: ${data!.length}`);
          t.lines.push('finished file import successfully');
          st.addVolume({ ...vol, ctime: Math.floor(core.clock.now() / 1000) });
        },
      }).upid;
    }),

    // the volume id holds "/" (sent as %2F), which msw would take for a path separator
    route(core, 'delete', '/nodes/:node/storage/:storage/content/*', (c) => {
      const node = c.node();
      const s = st.storage(c.path.storage ?? '');
      const raw = new URL(c.request.url).pathname.split('/content/')[1] ?? '';
      const name = decodeURIComponent(raw);
      const volid = name.includes(':') ? name : `${s.storage}:${name}`;
      needPriv(c.who, `/storage/${s.storage}`, 'Datastore.Allocate');
      const vol = st.volume(node, volid);
      if (!vol) fail(`volume '${volid}' does not exist`);
      return core.tasks.start({
        node,
        type: 'imgdel',
        id: `${vol!.vmid !== undefined ? `${vol!.vmid}@` : ''}${s.storage}`,
        who: c.who,
        run: (t) => {
          st.removeVolume(node, volid);
          t.lines.push(`Removed volume '${volid}'`);
        },
      }).upid;
    }),
  ];
}
