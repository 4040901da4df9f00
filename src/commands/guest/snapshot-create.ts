// snapshot create: a new snapshot of a VM or CT, printed like a row of `snapshot list` (one object
// for json/yaml). A name already used is refused before anything is sent; --vmstate (VMs only)
// saves the RAM too, which only a running VM has.
import { type GuestKind } from '../../api/guests.js';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { printList, printObject } from '../../output/print.js';
import { progress } from '../../output/progress.js';
import { guestLabel } from './guest-view.js';
import { deadlineOf, followTask, printResult, printUpid } from './single-task.js';
import { checkSnapName, readSnapshots, snapshotColumns, type SnapshotRow } from './snapshots.js';
import { resolveGuest } from './targets.js';
import { createSnapshot } from '../../api/snapshots.js';

export interface SnapshotCreateOptions {
  kind: GuestKind;
  guest: string;
  name: string;
  description?: string;
  vmstate: boolean;
}

export async function run(ctx: Context, opts: SnapshotCreateOptions): Promise<void> {
  const name = checkSnapName(opts.name);
  const client = await ctx.client(await ctx.region());
  const g = await resolveGuest(client, opts.kind, opts.guest);
  const noun = g.type === 'qemu' ? 'vm' : 'ct';
  if ((await readSnapshots(client, g)).some((s) => s.name === name)) {
    throw new UsageError(`${guestLabel(g)} already has a snapshot "${name}"; pick another name`, {
      hint: `Or replace it: pvectl ${noun} snapshot delete ${g.name || g.vmid} ${name}, then take it again.`,
    });
  }
  let vmstate = opts.vmstate;
  if (vmstate && g.status === 'stopped') {
    ctx.info(`${guestLabel(g)} is stopped: there is no RAM to save, --vmstate is left out`);
    vmstate = false;
  }

  const p = progress(ctx);
  try {
    const upid = await createSnapshot(client, g, {
      snapname: name,
      description: opts.description,
      vmstate: vmstate || undefined,
    });
    if (upid === null) return; // dry run
    if (!ctx.globals.wait) {
      const value = { vmid: g.vmid, name: g.name, node: g.node, snapshot: name, upid };
      return await printUpid(ctx, p, upid, `snapshot ${name} of ${guestLabel(g)} is being taken`, () =>
        printResult(ctx, p, value, upid),
      );
    }
    await followTask(
      ctx,
      client,
      p,
      `Taking snapshot ${name} of ${guestLabel(g)}${vmstate ? ' with its RAM' : ''}`,
      upid,
      deadlineOf(ctx),
    );
    const row: SnapshotRow = (await readSnapshots(client, g)).find((s) => s.name === name) ?? {
      name,
      parent: null,
      snaptime: null,
      vmstate,
      description: opts.description ?? '',
      current: true,
    };
    p.stop();
    const columns = snapshotColumns(ctx, g);
    if (ctx.globals.output === 'json' || ctx.globals.output === 'yaml')
      await printObject(ctx, { value: row, fields: columns, id: (r) => r.name });
    else await printList(ctx, { rows: [row], columns, id: (r) => r.name });
  } finally {
    p.stop();
  }
}
