// backup list: every backup of the cluster, newest first, optionally for one guest, storage or node.
import type { Context } from '../../context.js';
import { listGuests } from '../../api/guests.js';
import { NotFoundError } from '../../errors.js';
import { printList } from '../../output/print.js';
import type { Column } from '../../output/types.js';
import { listBackups, type BackupRow } from './backups.js';

export interface BackupListOptions {
  guest?: string;
  storage?: string;
  node?: string;
}

export const BACKUP_COLUMNS: Column<BackupRow>[] = [
  { id: 'volid', header: 'BACKUP', value: (b) => b.volid },
  { id: 'vmid', header: 'VMID', value: (b) => b.vmid, kind: 'number', align: 'left' },
  { id: 'name', header: 'NAME', value: (b) => b.name },
  { id: 'type', header: 'TYPE', value: (b) => b.type },
  { id: 'ctime', header: 'TIME', value: (b) => b.ctime, kind: 'time' },
  { id: 'size', header: 'SIZE', value: (b) => b.size, kind: 'bytes' },
  { id: 'protected', header: 'PROTECTED', value: (b) => b.protected, kind: 'boolean' },
  { id: 'notes', header: 'NOTES', value: (b) => b.notes },
  { id: 'storage', header: 'STORAGE', value: (b) => b.storage, wide: true },
  { id: 'node', header: 'NODE', value: (b) => b.node, wide: true },
  { id: 'format', header: 'FORMAT', value: (b) => b.format, wide: true },
];

export async function run(ctx: Context, opts: BackupListOptions): Promise<void> {
  const client = await ctx.client(await ctx.region());
  let vmid: number | undefined;
  if (opts.guest !== undefined) {
    if (/^\d+$/.test(opts.guest)) vmid = Number(opts.guest);
    else {
      const named = (await listGuests(client)).filter((g) => g.name === opts.guest);
      if (named.length === 0) throw new NotFoundError(`no guest named "${opts.guest}"`);
      if (named.length > 1) {
        throw new NotFoundError(
          `"${opts.guest}" names ${named.length} guests: ${named.map((g) => g.vmid).join(', ')}`,
          {
            hint: 'Give the VMID instead.',
          },
        );
      }
      vmid = named[0]!.vmid;
    }
  }
  const rows = (await listBackups(ctx, client, { node: opts.node, storage: opts.storage })).filter(
    (b) => vmid === undefined || b.vmid === vmid,
  );
  await printList(ctx, { rows, columns: BACKUP_COLUMNS, id: (b) => b.volid, empty: 'No backups found.' });
}
