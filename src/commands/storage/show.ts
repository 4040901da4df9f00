// storage show: one storage's configuration and its usage on each node (once when shared).
import type { Context } from '../../context.js';
import { listStorageConfig } from '../../api/storage.js';
import { NotFoundError } from '../../errors.js';
import { printObject } from '../../output/print.js';
import type { Column } from '../../output/types.js';
import { STORAGE_COLUMNS, storageRows, type StorageRow } from './rows.js';

export interface StorageShowOptions {
  storage: string;
}

type Shown = Record<string, unknown> & { usage: StorageRow[] };

// storage.cfg keys worth a line in the table; json/yaml carry the whole section
const CONFIG_KEYS = ['path', 'server', 'datastore', 'export', 'pool', 'vgname', 'thinpool', 'nodes', 'prune-backups'];
const USAGE = ['node', 'used', 'total', 'used_fraction', 'active'];

export async function run(ctx: Context, opts: StorageShowOptions): Promise<void> {
  const client = await ctx.client(await ctx.region());
  const cfg = (await listStorageConfig(client)).find((s) => s.storage === opts.storage);
  if (!cfg) throw new NotFoundError(`no storage "${opts.storage}"`, { hint: 'See: pvectl storage list' });
  const usage = (await storageRows(ctx, client)).filter((r) => r.storage === opts.storage);
  const first = usage[0];
  const value: Shown = {
    ...cfg,
    content: first?.content ?? [],
    shared: first?.shared ?? false,
    enabled: first?.enabled ?? true,
    usage,
  };
  delete value.digest;
  const field = (id: string, kind?: Column['kind']): Column<Shown> => ({
    id,
    header: id.toUpperCase(),
    value: (v) => v[id],
    kind,
  });
  const fields: Column<Shown>[] = [
    field('storage'),
    field('type'),
    field('content', 'list'),
    field('shared', 'boolean'),
    field('enabled', 'boolean'),
    ...CONFIG_KEYS.filter((k) => cfg[k] !== undefined).map((k) => field(k)),
  ];
  await printObject(ctx, {
    value,
    fields,
    id: (v) => String(v.storage),
    sections: [
      {
        title: 'Usage',
        view: { rows: usage, columns: STORAGE_COLUMNS.filter((c) => USAGE.includes(c.id)), empty: 'none' },
      },
    ],
  });
}
