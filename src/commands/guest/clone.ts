// clone: a new guest from an existing VM or CT. Checked before the POST: the new name (a DNS label
// no other guest has), --vmid, --node (online), --storage (holds disks there), --pool, and --linked
// (only a template has linked clones; Proxmox copies every other guest in full). The VMID comes
// from nextid, a hint: a clone that loses the race retries with another id (create/vmid.ts).
import { kindLabel, type Guest, type GuestKind } from '../../api/guests.js';
import type { Context } from '../../context.js';
import { checkName } from '../../create/inputs.js';
import { checkNameFree, checkNode, checkPool, pickStorage, readCluster } from '../../create/placement.js';
import { openSession, type Session } from '../../create/session.js';
import { withFreshVmid } from '../../create/vmid.js';
import { CreateFailedError } from '../../create/failure.js';
import { ApiError, InterruptedError, PvectlError, UsageError } from '../../errors.js';
import { nodeStorages } from '../../api/storage.js';
import { guestLabel, printGuest, type GuestView } from './guest-view.js';
import { deadlineOf, followTask, printUpid } from './single-task.js';
import { resolveGuest } from './targets.js';
import { cloneGuest } from '../../api/guest-lifecycle.js';
import { postPower } from '../../api/guest-status.js';

export interface CloneOptions {
  kind: GuestKind;
  guest: string;
  name: string;
  vmid?: number;
  full: boolean;
  linked: boolean;
  /** target node */
  node?: string;
  storage?: string;
  pool?: string;
  start: boolean;
}

export async function run(ctx: Context, opts: CloneOptions): Promise<void> {
  const name = checkName(opts.name);
  checkFlags(ctx, opts);
  const s = await openSession(ctx);
  try {
    const pool = opts.pool ?? s.region.defaults.pool;
    const [src, cluster] = await Promise.all([
      resolveGuest(s.client, opts.kind, opts.guest),
      readCluster(s.client, pool !== undefined),
    ]);
    checkNameFree(cluster, name);
    checkPool(cluster, pool, opts.pool !== undefined ? '--pool' : 'the region default pool');
    const node = opts.node !== undefined ? checkNode(cluster, opts.node, '--node').node : src.node;
    const full = fullClone(src, opts);
    if (opts.storage !== undefined) {
      const storages = await nodeStorages(s.client, node);
      pickStorage(
        { storages, bridges: [] },
        node,
        opts.kind === 'qemu' ? 'images' : 'rootdir',
        opts.storage,
        '--storage',
      );
    }
    const deadline = deadlineOf(ctx);
    const used = new Set(cluster.guests.map((g) => g.vmid));
    const { vmid, result: upid } = await withFreshVmid(s, { fixed: opts.vmid, used }, async (vmid) => {
      const upid = await cloneGuest(s.client, src, {
        newid: vmid,
        [opts.kind === 'qemu' ? 'name' : 'hostname']: name,
        full,
        target: node !== src.node ? node : undefined,
        storage: opts.storage,
        pool,
      });
      const how = full ? 'full clone' : 'linked clone';
      // waited on inside: a task that ends in "already exists" lost the VMID race and is retried
      if (upid && ctx.globals.wait)
        await followTask(
          ctx,
          s.client,
          s.progress,
          `Cloning ${guestLabel(src)} → ${vmid} on ${node} (${how})`,
          upid,
          deadline,
        );
      return upid;
    }).catch((err: unknown) => Promise.reject(withHint(err, src)));

    const g = { vmid, node, type: opts.kind };
    const view: GuestView = { vmid, name, type: opts.kind, node, status: 'stopped', region: s.region.name };
    if (upid === null) {
      if (opts.start) await postPower(s.client, g, 'start');
      return;
    }
    if (!ctx.globals.wait) {
      const note = `${kindLabel(opts.kind)} ${vmid} (${name}) is being cloned on ${node}`;
      return await printUpid(ctx, s.progress, upid, note, () =>
        printGuest(ctx, s.progress, view, { lock: 'clone', upid }),
      );
    }
    if (opts.start) {
      await startClone(s, g, name, deadline);
      view.status = 'running';
    }
    await printGuest(ctx, s.progress, view);
  } finally {
    s.progress.stop();
  }
}

function checkFlags(ctx: Context, opts: CloneOptions): void {
  if (opts.full && opts.linked) throw new UsageError('--full and --linked exclude each other');
  if (opts.linked && opts.storage !== undefined) {
    throw new UsageError(
      "a linked clone stays on the template's storage: leave --storage out, or make a full clone (--full)",
    );
  }
  if (opts.vmid !== undefined && opts.vmid < 100) throw new UsageError(`--vmid ${opts.vmid}: VMIDs start at 100`);
  if (opts.start && !ctx.globals.wait)
    throw new UsageError('--start waits for the clone to finish: leave out --start or --no-wait');
}

/**
 * Proxmox's rule: a template is cloned linked unless asked otherwise (or --storage moves it);
 * anything else in full.
 */
function fullClone(src: Guest, opts: CloneOptions): boolean {
  if (!src.template) {
    if (opts.linked) {
      throw new UsageError(
        `${guestLabel(src)} is not a template: Proxmox makes only full clones of it (linked clones need a ` +
          `template); leave --linked out`,
      );
    }
    return true;
  }
  return opts.full || opts.storage !== undefined;
}

/** Proxmox's refusals that have a next step. */
function withHint(err: unknown, src: Guest): unknown {
  if (!(err instanceof ApiError) || err.hint) return err;
  const noun = src.type === 'qemu' ? 'vm' : 'ct';
  if (/linked clone feature is not supported/i.test(err.message))
    err.hint = 'This storage cannot make linked clones: make a full copy with --full.';
  else if (/uses local storage|shared storage/i.test(err.message)) {
    err.hint = `Clone it on ${src.node} (leave --node out), then move it: pvectl ${noun} migrate NEWNAME NODE`;
  }
  return err;
}

/** The clone is done and stays whatever happens now: a failed start says so, keeping the error's exit code. */
async function startClone(
  s: Session,
  g: { vmid: number; node: string; type: GuestKind },
  name: string,
  deadline: number | undefined,
): Promise<void> {
  const { ctx } = s;
  try {
    const upid = await postPower(s.client, g, 'start');
    if (upid) await followTask(ctx, s.client, s.progress, `Starting ${kindLabel(g.type)} ${g.vmid}`, upid, deadline);
  } catch (err) {
    if (err instanceof InterruptedError) throw err;
    // a new error that names its cause (its task log is shown, its exit code kept); the cause's own
    // message is left as it was thrown
    const why = err instanceof PvectlError ? err.message : String(err);
    const hint =
      err instanceof PvectlError && err.hint
        ? err.hint
        : `Start it with: pvectl ${g.type === 'qemu' ? 'vm' : 'ct'} start ${g.vmid}`;
    throw new CreateFailedError(
      `${kindLabel(g.type)} ${g.vmid} (${name}) was cloned on ${g.node} but did not start: ${why}`,
      err,
      [hint],
    );
  }
}
