// snapshot list: a guest's snapshots, oldest first, the one the present state grew from marked.
// -o id prints the snapshot names, one a line.
import type { GuestKind } from '../../api/guests.js';
import type { Context } from '../../context.js';
import { printList } from '../../output/print.js';
import { guestLabel } from './guest-view.js';
import { readSnapshots, snapshotColumns } from './snapshots.js';
import { resolveGuest } from './targets.js';

export interface SnapshotListOptions {
  kind: GuestKind;
  guest: string;
}

export async function run(ctx: Context, opts: SnapshotListOptions): Promise<void> {
  const client = await ctx.client(await ctx.region());
  const g = await resolveGuest(client, opts.kind, opts.guest);
  const rows = await readSnapshots(client, g);
  await printList(ctx, {
    rows,
    columns: snapshotColumns(ctx, g),
    id: (r) => r.name,
    empty: `${guestLabel(g)} has no snapshots.`,
  });
}
