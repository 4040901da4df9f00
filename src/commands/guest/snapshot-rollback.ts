// snapshot rollback: returns a guest to a snapshot, discarding its present state (asks on a
// terminal; --yes otherwise). Proxmox stops a running guest whose snapshot holds no RAM; --start
// starts it afterwards. The result line says the state it ended in.
import { type GuestKind } from '../../api/guests.js';
import type { Context } from '../../context.js';
import { str } from '../../lib/values.js';
import { progress } from '../../output/progress.js';
import { guestLabel } from './guest-view.js';
import { deadlineOf, followTask, printResult, printUpid } from './single-task.js';
import { checkSnapName, confirm, needConfirmation, snapshotNamed } from './snapshots.js';
import { resolveGuest } from './targets.js';
import { getCurrentStatus } from '../../api/guest-status.js';
import { rollbackSnapshot } from '../../api/snapshots.js';

export interface SnapshotRollbackOptions {
  kind: GuestKind;
  guest: string;
  name: string;
  start: boolean;
}

export async function run(ctx: Context, opts: SnapshotRollbackOptions): Promise<void> {
  const name = checkSnapName(opts.name);
  needConfirmation(ctx, 'rollback');
  const client = await ctx.client(await ctx.region());
  const g = await resolveGuest(client, opts.kind, opts.guest);
  const snap = await snapshotNamed(client, g, name);
  const stops =
    g.status !== 'stopped' && !snap.vmstate
      ? ` It is ${g.status}: it is stopped${opts.start ? ' and started again' : ''}.`
      : '';
  await confirm(
    ctx,
    `This rolls ${guestLabel(g)} back to snapshot "${name}": everything since then is lost.${stops}\nRoll back?`,
  );

  const p = progress(ctx);
  try {
    const upid = await rollbackSnapshot(client, g, name, {
      start: opts.start || undefined,
    });
    if (upid === null) return; // dry run
    const value = { vmid: g.vmid, name: g.name, node: g.node, snapshot: name, result: 'rolled back', upid };
    if (!ctx.globals.wait) {
      return await printUpid(ctx, p, upid, `${guestLabel(g)} is being rolled back to ${name}`, () =>
        printResult(ctx, p, value, upid),
      );
    }
    await followTask(ctx, client, p, `Rolling ${guestLabel(g)} back to ${name}`, upid, deadlineOf(ctx));
    const now = await getCurrentStatus(client, g);
    const status = str(now.status) ?? 'unknown';
    await printResult(ctx, p, { ...value, status }, `${g.vmid} ${g.name || '-'} rolled back to ${name} (${status})`);
  } finally {
    p.stop();
  }
}
