// storage content: the volumes of one storage (ISO images, templates, backups, disks …), on every
// online node that has it, or once for a shared storage.
import type { Context } from '../../context.js';
import { listContent, listStorageConfig } from '../../api/storage.js';
import { NotFoundError } from '../../errors.js';
import { bool, num, str } from '../../lib/values.js';
import { printList } from '../../output/print.js';
import type { Column } from '../../output/types.js';
import { storageRows } from './rows.js';
import type { ContentType } from './content-types.js';

export interface StorageContentOptions {
  storage: string;
  node?: string;
  content?: ContentType;
}

interface VolumeRow {
  volid: string;
  content: string;
  format: string | null;
  size: number | null;
  vmid: number | null;
  ctime: number | null;
  notes: string | null;
  protected: boolean;
  node: string | null;
}

const COLUMNS: Column<VolumeRow>[] = [
  { id: 'volid', header: 'VOLUME', value: (v) => v.volid },
  { id: 'content', header: 'CONTENT', value: (v) => v.content },
  { id: 'format', header: 'FORMAT', value: (v) => v.format },
  { id: 'size', header: 'SIZE', value: (v) => v.size, kind: 'bytes' },
  { id: 'vmid', header: 'VMID', value: (v) => v.vmid, kind: 'number', align: 'left' },
  { id: 'node', header: 'NODE', value: (v) => v.node ?? 'all' },
  { id: 'ctime', header: 'CREATED', value: (v) => v.ctime, kind: 'time', wide: true },
  { id: 'notes', header: 'NOTES', value: (v) => v.notes, wide: true },
  { id: 'protected', header: 'PROTECTED', value: (v) => v.protected, kind: 'boolean', wide: true },
];

export async function run(ctx: Context, opts: StorageContentOptions): Promise<void> {
  const client = await ctx.client(await ctx.region());
  if (!(await listStorageConfig(client)).some((s) => s.storage === opts.storage)) {
    throw new NotFoundError(`no storage "${opts.storage}"`, { hint: 'See: pvectl storage list' });
  }
  const where = (await storageRows(ctx, client, opts.node)).filter((r) => r.storage === opts.storage && r.active);
  const lists = await Promise.all(
    where.map(async (w) => {
      const node = w.node ?? (await firstOnline(ctx, client));
      const vols = await listContent(client, node, opts.storage, opts.content ? { content: opts.content } : undefined);
      return vols.map((v): VolumeRow => ({
        volid: str(v.volid) ?? '',
        content: str(v.content) ?? '',
        format: str(v.format) ?? null,
        size: num(v.size) ?? null,
        vmid: num(v.vmid) ?? null,
        ctime: num(v.ctime) ?? null,
        notes: str(v.notes) ?? null,
        protected: bool(v.protected),
        node: w.node,
      }));
    }),
  );
  await printList(ctx, {
    rows: lists.flat(),
    columns: COLUMNS,
    id: (v) => v.volid,
    empty: `No volumes on ${opts.storage}.`,
  });
}

async function firstOnline(ctx: Context, client: Parameters<typeof storageRows>[1]): Promise<string> {
  const { listNodes } = await import('../../api/nodes.js');
  const n = (await listNodes(client)).find((x) => x.status === 'online');
  if (!n) throw new NotFoundError('no node of the region is online');
  return n.node;
}
