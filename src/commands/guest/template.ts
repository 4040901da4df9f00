// template: turns a stopped guest into a template (asks; --yes when not on a terminal). What
// Proxmox would refuse (running, already a template, has snapshots) is said before anything is
// sent. Afterwards `os list`, `vm create --os` and `vm clone` find it.
import type { Context } from '../../context.js';
import { type GuestKind } from '../../api/guests.js';
import { getConfig } from '../../api/guest-config.js';
import { convertToTemplate } from '../../api/guest-lifecycle.js';
import { listSnapshots } from '../../api/snapshots.js';
import { UsageError } from '../../errors.js';
import { bool } from '../../lib/values.js';
import { progress } from '../../output/progress.js';
import { guestLabel } from './guest-view.js';
import { deadlineOf, followTask, printResult, printUpid } from './single-task.js';
import { confirm } from './snapshots.js';
import { resolveGuest } from './targets.js';

export interface TemplateOptions {
  kind: GuestKind;
  guest: string;
}

export async function run(ctx: Context, opts: TemplateOptions): Promise<void> {
  const { yes, dryRun } = ctx.globals;
  if (!yes && !dryRun && !ctx.io.stdinTTY) {
    throw new UsageError(
      'template needs confirmation: pass --yes (-y) when stdin is not a terminal; nothing was changed',
    );
  }
  const client = await ctx.client(await ctx.region());
  const g = await resolveGuest(client, opts.kind, opts.guest);
  const noun = g.type === 'qemu' ? 'vm' : 'ct';
  const ref = g.name || g.vmid;
  if (g.template || bool((await getConfig(client, g)).template)) {
    throw new UsageError(`${guestLabel(g)} is already a template; nothing was changed`);
  }
  if (g.status !== 'stopped') {
    throw new UsageError(`${guestLabel(g)} is ${g.status}; a template is made from a stopped guest`, {
      hint: `Stop it first: pvectl ${noun} stop ${ref}`,
    });
  }
  // qemu-server and pve-container both refuse "because VM/CT contains snapshots"
  const snaps = (await listSnapshots(client, g)).filter((s) => s.name !== 'current');
  if (snaps.length) {
    throw new UsageError(`${guestLabel(g)} has snapshots (${snaps.map((s) => String(s.name)).join(', ')})`, {
      hint: `A template cannot have snapshots; delete them first (pvectl ${noun} snapshot delete ${ref} NAME).`,
    });
  }
  await confirm(
    ctx,
    `This turns ${guestLabel(g)} into a template: it can no longer be started, only cloned.\nConvert it?`,
  );
  const p = progress(ctx);
  try {
    const upid = await convertToTemplate(client, g);
    if (dryRun) return;
    const value = { vmid: g.vmid, name: g.name, node: g.node, template: true, upid };
    if (upid && !ctx.globals.wait) {
      return await printUpid(ctx, p, upid, `${guestLabel(g)} is being converted`, () =>
        printResult(ctx, p, value, upid),
      );
    }
    if (upid) await followTask(ctx, client, p, `Converting ${guestLabel(g)} to a template`, upid, deadlineOf(ctx));
    await printResult(ctx, p, value, `${g.vmid} ${g.name || '-'} is now a template`);
  } finally {
    p.stop();
  }
}
