// storage list: every storage with its content types and usage, per node (once when shared).
import type { Context } from '../../context.js';
import { printList } from '../../output/print.js';
import { STORAGE_COLUMNS, storageRows } from './rows.js';

export interface StorageListOptions {
  node?: string;
}

export async function run(ctx: Context, opts: StorageListOptions): Promise<void> {
  const client = await ctx.client(await ctx.region());
  const rows = await storageRows(ctx, client, opts.node);
  await printList(ctx, {
    rows,
    columns: STORAGE_COLUMNS,
    id: (s) => s.storage,
    empty: 'No storages found.',
  });
}
