// backup restore: a VM through create with `archive`, a container with `ostemplate` + `restore=1`.
// The VMID defaults to the backed-up guest's; an existing guest there is replaced only with
// --force, which says what goes and asks. What Proxmox would refuse is said before anything is sent.
import type { Context } from '../../context.js';
import type { PveClient } from '../../api/client.js';
import { kindLabel, listGuests, type Guest } from '../../api/guests.js';
import { getConfig } from '../../api/guest-config.js';
import { restoreGuest } from '../../api/backups.js';
import { UsageError } from '../../errors.js';
import { bool, str } from '../../lib/values.js';
import { progress } from '../../output/progress.js';
import { guestLabel, printGuest } from '../guest/guest-view.js';
import { deadlineOf, followTask, printUpid } from '../guest/single-task.js';
import { confirm } from '../guest/snapshots.js';
import { findBackup, type BackupRow } from './backups.js';

export interface RestoreOptions {
  backup: string;
  name?: string;
  vmid?: number;
  node?: string;
  storage?: string;
  start: boolean;
  force: boolean;
}

export async function run(ctx: Context, opts: RestoreOptions): Promise<void> {
  const client = await ctx.client(await ctx.region());
  const b = await findBackup(ctx, client, opts.backup, opts.node);
  const kind = b.type;
  if (!kind) throw new UsageError(`${b.volid} is not a backup of a VM or container`);
  const vmid = opts.vmid ?? b.vmid;
  if (vmid === null) throw new UsageError(`${b.volid} does not say which guest it holds; pass --vmid ID`);
  const existing = (await listGuests(client)).find((g) => g.vmid === vmid);
  const node = existing && opts.force ? await checkReplace(ctx, client, b, existing, opts) : (opts.node ?? b.node);
  if (existing && !opts.force) {
    throw new UsageError(`${guestLabel(existing)} exists on ${existing.node}; nothing was restored`, {
      hint: `Restore it as a new guest with --vmid ID, or replace it with --force.`,
    });
  }
  const nameKey = kind === 'qemu' ? 'name' : 'hostname';
  const params = kind === 'qemu' ? { archive: b.volid } : { ostemplate: b.volid, restore: 1 as const };
  const p = progress(ctx);
  try {
    const upid = await restoreGuest(client, node, kind, {
      vmid,
      ...params,
      [nameKey]: opts.name,
      storage: opts.storage,
      force: existing ? 1 : undefined,
      start: opts.start ? 1 : undefined,
    });
    if (upid === null) return; // dry run
    const g = { vmid, node, type: kind };
    const view = { vmid, name: opts.name ?? b.name ?? '', type: kind, node, status: 'stopped', region: client.region };
    if (!ctx.globals.wait) {
      const note = `${kindLabel(kind)} ${vmid} is being restored on ${node}`;
      return await printUpid(ctx, p, upid, note, () => printGuest(ctx, p, view, { lock: 'create', upid }));
    }
    await followTask(
      ctx,
      client,
      p,
      `Restoring ${b.volid} to ${kindLabel(kind)} ${vmid} on ${node}`,
      upid,
      deadlineOf(ctx),
    );
    const config = await getConfig(client, g);
    view.name = str(config[nameKey]) ?? view.name;
    if (opts.start) view.status = 'running';
    await printGuest(ctx, p, view);
  } finally {
    p.stop();
  }
}

/** --force over an existing guest: same kind, same node, stopped, unprotected; then ask. */
async function checkReplace(
  ctx: Context,
  client: PveClient,
  b: BackupRow,
  g: Guest,
  opts: RestoreOptions,
): Promise<string> {
  const noun = g.type === 'qemu' ? 'vm' : 'ct';
  if (!ctx.globals.yes && !ctx.globals.dryRun && !ctx.io.stdinTTY) {
    throw new UsageError(
      'restore --force needs confirmation: pass --yes (-y) when stdin is not a terminal; nothing was changed',
    );
  }
  if (g.type !== b.type) {
    throw new UsageError(`${guestLabel(g)} is not a ${b.type === 'qemu' ? 'VM' : 'container'}; pick another --vmid`);
  }
  if (opts.node && opts.node !== g.node) {
    throw new UsageError(`${guestLabel(g)} is on ${g.node}; a restore over it runs there, not on ${opts.node}`);
  }
  if (!b.shared && b.node !== g.node) {
    throw new UsageError(`${b.volid} is on ${b.node}'s local storage; ${guestLabel(g)} is on ${g.node}`);
  }
  if (g.status !== 'stopped') {
    throw new UsageError(`${guestLabel(g)} is ${g.status}; stop it before restoring over it`, {
      hint: `pvectl ${noun} stop ${g.name || g.vmid}`,
    });
  }
  if (bool((await getConfig(client, g)).protection)) {
    throw new UsageError(`${guestLabel(g)} is protected; turn protection off first`, {
      hint: `pvectl ${noun} set ${g.name || g.vmid} --no-protection`,
    });
  }
  await confirm(
    ctx,
    `This replaces ${guestLabel(g)} on ${g.node} with the backup ${b.volid}:\n` +
      `its configuration and disks are deleted.\nReplace it?`,
  );
  return g.node;
}
