// Getting files onto a storage: download-url, appliance templates (aplinfo), query-url-metadata.
import type { RequestHandler } from 'msw';
import { createHash } from 'node:crypto';
import type { SimCore } from '../core.js';
import { needPriv } from '../core.js';
import type { Volume } from '../model/types.js';
import { fail, paramError } from '../http.js';
import { TaskFailure } from '../tasks.js';
import { route, type Ctx } from './route.js';

const MiB = 1024 ** 2;
const DIRS: Record<string, string> = { iso: 'template/iso', vztmpl: 'template/cache', import: 'import' };
const FORMATS: [RegExp, string][] = [
  [/\.iso$/, 'iso'],
  [/\.img$/, 'raw'],
  [/\.qcow2$/, 'qcow2'],
  [/\.raw$/, 'raw'],
  [/\.vmdk$/, 'vmdk'],
  [/\.ova$/, 'ova'],
  [/\.tar\.zst$/, 'tzst'],
  [/\.tar\.gz$/, 'tgz'],
  [/\.tar\.xz$/, 'txz'],
  [/\.tar\.bz2$/, 'tbz2'],
  [/\.tar$/, 'tar'],
];

// The size a URL "has": stable per URL, 200–700 MiB; images unpack to 2–4 GiB disks.
export function urlFacts(url: string): { size: number; virtualSize: number } {
  const h = createHash('sha256').update(url).digest();
  const size = (200 + (h[0]! % 100) * 5) * MiB;
  return { size, virtualSize: (2 + (h[1]! % 3)) * 1024 ** 3 };
}

function checkFilename(content: string, filename: string): void {
  if (content === 'iso' && !/\.(iso|img)$/i.test(filename)) paramError({ filename: 'wrong file extension' });
  if (content === 'vztmpl' && !/\.tar(\.(gz|xz|zst|bz2))?$/.test(filename))
    paramError({ filename: 'wrong file extension' });
  if (content === 'import' && !/^[a-zA-Z0-9\-.+=_]+\.(ova|qcow2|raw|vmdk)$/.test(filename)) {
    paramError({ filename: 'invalid filename or wrong extension' });
  }
}

function progressLines(size: number): string[] {
  const total = (size / MiB).toFixed(2);
  return [13, 27, 52, 78, 100].map(
    (p) => `downloaded ${p}% of ${total} MiB (${((size * p) / 100 / MiB).toFixed(2)} MiB) at 112.40 MiB/s`,
  );
}

// PVE::Tools::encode_text: URI-escape (UTF-8) control, non-ASCII and ':' characters, so the text
// can be a task id inside a UPID. pve-storage's download-url uses the file name as the task id.
export function encodeText(text: string): string {
  let out = '';
  for (const b of Buffer.from(text, 'utf8')) {
    out +=
      b >= 0x20 && b <= 0x7e && b !== 0x3a
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function download(
  core: SimCore,
  c: Ctx,
  node: string,
  vol: Volume,
  url: string,
  extra: { filename: string; checksum?: string; algo?: string },
): string {
  const st = core.state;
  const path = `/var/lib/vz/${DIRS[vol.content]}/${vol.volid.split('/').slice(1).join('/')}`;
  const log = [`downloading ${url} to ${path}`];
  return core.tasks.start({
    node,
    type: 'download',
    id: encodeText(extra.filename),
    who: c.who,
    log,
    progress: progressLines(vol.size),
    run: (t) => {
      if (st.volume(node, vol.volid)) throw new TaskFailure(`refusing to override existing file '${path}'`);
      if (extra.checksum) {
        t.lines.push('calculating checksum...');
        if (/^0+$/.test(extra.checksum)) {
          throw new TaskFailure(
            `checksum mismatch: got '${createHash('sha256').update(url).digest('hex')}' != expect '${extra.checksum}'`,
          );
        }
        t.lines.push(`checksum verified`);
      }
      st.addVolume({ ...vol, ctime: Math.floor(core.clock.now() / 1000) });
      t.lines.push(`download of '${url}' to '${path}' finished`);
    },
  }).upid;
}

export function downloadRoutes(core: SimCore): RequestHandler[] {
  const st = core.state;
  return [
    route(core, 'post', '/nodes/:node/storage/:storage/download-url', (c) => {
      const node = c.node();
      const s = st.storage(c.path.storage ?? '');
      needPriv(c.who, `/storage/${s.storage}`, 'Datastore.AllocateTemplate');
      needPriv(c.who, '/', 'Sys.Audit', 'Sys.Modify');
      const content = c.need('content');
      const filename = c.need('filename');
      const url = c.need('url');
      if (!s.content.split(',').includes(content))
        fail(`storage '${s.storage}' is not configured for content-type '${content}'`);
      checkFilename(content, filename);
      if (c.has('compression') && content !== 'iso')
        paramError({ compression: `decompression not supported for ${content}` });
      const checksum = c.str('checksum');
      const algo = c.str('checksum-algorithm');
      if (checksum && !algo) paramError({ 'checksum-algorithm': "parameter is required when 'checksum' is set" });
      const facts = urlFacts(url);
      const format = FORMATS.find(([re]) => re.test(filename))?.[1] ?? 'raw';
      const vol: Volume = {
        volid: `${s.storage}:${content}/${filename}`,
        node,
        storage: s.storage,
        content: content as Volume['content'],
        format,
        size: facts.size,
        ctime: 0,
      };
      if (content === 'import') vol.virtualSize = format === 'raw' ? facts.size : facts.virtualSize;
      return download(core, c, node, vol, url, { filename, checksum, algo });
    }),

    route(core, 'get', '/nodes/:node/query-url-metadata', (c) => {
      c.node();
      const url = c.need('url');
      const name = new URL(url).pathname.split('/').pop() ?? '';
      return { filename: name, size: urlFacts(url).size, mimetype: 'application/octet-stream' };
    }),

    route(core, 'get', '/nodes/:node/aplinfo', (c) => {
      c.node();
      return st.appliances.map(({ size: _size, ...a }) => a);
    }),

    route(core, 'post', '/nodes/:node/aplinfo', (c) => {
      const node = c.node();
      const s = st.storage(c.need('storage'));
      needPriv(c.who, `/storage/${s.storage}`, 'Datastore.AllocateTemplate');
      const a = st.appliances.find((x) => x.template === c.need('template'));
      if (!a) fail('no such template');
      if (!s.content.split(',').includes('vztmpl')) fail(`storage '${s.storage}' does not support templates`);
      const vol: Volume = {
        volid: `${s.storage}:vztmpl/${a!.template}`,
        node,
        storage: s.storage,
        content: 'vztmpl',
        format: FORMATS.find(([re]) => re.test(a!.template))?.[1] ?? 'tzst',
        size: a!.size,
        ctime: 0,
      };
      const path = `/var/lib/vz/template/cache/${a!.template}`;
      return core.tasks.start({
        node,
        type: 'download',
        id: a!.template,
        who: c.who,
        log: [`starting template download from: ${a!.location}`, `target file: ${path}`],
        progress: progressLines(a!.size),
        run: (t) => {
          t.lines.push(
            'calculating checksum...OK, checksum verified',
            `download of '${a!.location}' to '${path}' finished`,
          );
          st.addVolume({ ...vol, ctime: Math.floor(core.clock.now() / 1000) });
        },
      }).upid;
    }),
  ];
}
