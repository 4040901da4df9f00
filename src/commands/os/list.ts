// `pvectl os list [--type vm|ct]`: what `--os` accepts in this region, and where each would come
// from: template VMs, the cloud-image catalog (with where it is already downloaded), container
// templates on the nodes' storages, and those the appliance index offers for download.
import type { PveClient } from '../../api/client.js';
import { listGuests } from '../../api/guests.js';
import type { Context } from '../../context.js';
import { runPool } from '../../lib/pool.js';
import { printList } from '../../output/print.js';
import type { Column } from '../../output/types.js';
import { compareVersions } from '../../os/names.js';
import { catalogSources, ctSources, templateSources, type OsSource, type OsType } from '../../os/resolve.js';
import { nodeIndex } from '../../api/nodes.js';
import { nodeStorages, storageContent, usable } from '../../api/storage.js';

export interface OsListOptions {
  type?: OsType;
}

export interface OsRow {
  os: string;
  type: OsType;
  source: string;
  node: string | null;
  storage: string | null;
  detail: string;
}

const KIND_ORDER = ['template', 'local-template', 'cloud-image', 'download'];

const COLUMNS: Column<OsRow>[] = [
  { id: 'os', header: 'OS', value: (r) => r.os },
  { id: 'type', header: 'TYPE', value: (r) => r.type },
  { id: 'source', header: 'SOURCE', value: (r) => r.source },
  { id: 'location', header: 'NODE/STORAGE', value: (r) => [r.node, r.storage].filter(Boolean).join('/') || '-' },
  { id: 'detail', header: 'DETAIL', value: (r) => r.detail },
];

export async function run(ctx: Context, opts: OsListOptions): Promise<void> {
  const client = await ctx.client(await ctx.region());
  const nodes = (await nodeIndex(client))
    .filter((n) => n.status === 'online')
    .map((n) => String(n.node))
    .sort();
  const [vm, ct] = await Promise.all([
    opts.type === 'ct' ? [] : vmRows(ctx, client, nodes),
    opts.type === 'vm' ? [] : ctSources(client, nodes, ctx.signal).then((list) => list.map(toRow)),
  ]);
  const rows = [...vm, ...ct].sort(byOs);
  await printList(ctx, { rows, columns: COLUMNS, id: (r) => r.os, empty: 'No OS sources found in this region.' });
}

async function vmRows(ctx: Context, client: PveClient, nodes: string[]): Promise<OsRow[]> {
  const templates = templateSources(await listGuests(client, 'qemu'));
  const cached = await cachedImages(ctx, client, nodes);
  const images = catalogSources().map((src) => {
    const where = cached.get(src.image!.filename);
    return where
      ? { ...toRow(src), node: where.node, storage: where.storage, detail: `${where.volid} (from ${src.detail})` }
      : toRow(src);
  });
  return [...templates.map(toRow), ...images];
}

/** Catalog images already in `import` content: file name → first place found. */
async function cachedImages(
  ctx: Context,
  client: PveClient,
  nodes: string[],
): Promise<Map<string, { node: string; storage: string; volid: string }>> {
  const found = new Map<string, { node: string; storage: string; volid: string }>();
  const perNode = await runPool(
    nodes,
    4,
    async (node) => {
      const storages = (await nodeStorages(client, node)).filter((s) => usable(s) && s.content.includes('import'));
      const lists = await Promise.all(
        storages.map((s) => storageContent(client, node, s.storage, 'import').then((v) => ({ s, v }))),
      );
      return lists.flatMap(({ s, v }) => v.map((x) => ({ node, storage: s.storage, volid: x.volid })));
    },
    ctx.signal,
  );
  for (const r of perNode) {
    if (r.status === 'rejected') throw r.reason;
    for (const x of r.value) {
      const file = x.volid.slice(x.volid.indexOf('/') + 1);
      if (!found.has(file)) found.set(file, x);
    }
  }
  return found;
}

function toRow(s: OsSource): OsRow {
  const source = {
    template: `template VM ${s.template?.vmid ?? ''}`.trim(),
    'cloud-image': 'cloud image',
    'local-template': 'local template',
    download: 'download',
  }[s.kind];
  return { os: s.os, type: s.type, source, node: s.node, storage: s.storage, detail: s.detail };
}

function byOs(a: OsRow, b: OsRow): number {
  if (a.type !== b.type) return a.type === 'vm' ? -1 : 1;
  const [fa, va] = split(a.os);
  const [fb, vb] = split(b.os);
  if (fa !== fb) return fa < fb ? -1 : 1;
  const v = compareVersions(vb, va); // newest first
  if (v !== 0) return v;
  return KIND_ORDER.indexOf(kindOf(a)) - KIND_ORDER.indexOf(kindOf(b));
}

const split = (os: string): [string, string] => {
  const i = os.indexOf('-');
  return i < 0 ? [os, ''] : [os.slice(0, i), os.slice(i + 1)];
};

const kindOf = (r: OsRow) =>
  r.source.startsWith('template')
    ? 'template'
    : r.source === 'cloud image'
      ? 'cloud-image'
      : r.source === 'local template'
        ? 'local-template'
        : 'download';
