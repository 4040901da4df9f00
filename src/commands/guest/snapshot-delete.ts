// snapshot delete: removes one snapshot (asks on a terminal; --yes otherwise). An unknown name is
// "not found" (exit 3) before anything is sent.
import { type GuestKind } from '../../api/guests.js';
import type { Context } from '../../context.js';
import { progress } from '../../output/progress.js';
import { guestLabel } from './guest-view.js';
import { deadlineOf, followTask, printResult, printUpid } from './single-task.js';
import { checkSnapName, confirm, needConfirmation, snapshotNamed } from './snapshots.js';
import { resolveGuest } from './targets.js';
import { deleteSnapshot } from '../../api/snapshots.js';

export interface SnapshotDeleteOptions {
  kind: GuestKind;
  guest: string;
  name: string;
}

export async function run(ctx: Context, opts: SnapshotDeleteOptions): Promise<void> {
  const name = checkSnapName(opts.name);
  needConfirmation(ctx, 'delete');
  const client = await ctx.client(await ctx.region());
  const g = await resolveGuest(client, opts.kind, opts.guest);
  await snapshotNamed(client, g, name);
  await confirm(ctx, `This deletes snapshot "${name}" of ${guestLabel(g)}.\nDelete it?`);

  const p = progress(ctx);
  try {
    const upid = await deleteSnapshot(client, g, name);
    if (upid === null) return; // dry run
    const value = { vmid: g.vmid, name: g.name, node: g.node, snapshot: name, result: 'deleted', upid };
    if (!ctx.globals.wait) {
      return await printUpid(ctx, p, upid, `snapshot ${name} of ${guestLabel(g)} is being deleted`, () =>
        printResult(ctx, p, value, upid),
      );
    }
    await followTask(ctx, client, p, `Deleting snapshot ${name} of ${guestLabel(g)}`, upid, deadlineOf(ctx));
    await printResult(ctx, p, value, `${g.vmid} ${g.name || '-'} snapshot ${name} deleted`);
  } finally {
    p.stop();
  }
}
