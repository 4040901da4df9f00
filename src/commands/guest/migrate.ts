// migrate: moves a guest to another node and keeps its state. A running VM moves live (online=1,
// as one expects of "move it" — there is no offline move of a running VM); a live move that has
// to copy local disks needs --with-local-disks, because that copy can be long and heavy. A running
// CT cannot move live: it is restarted on the target (restart=1), and pvectl says so.
import type { PveClient } from '../../api/client.js';
import { listGuests, type Guest, type GuestKind } from '../../api/guests.js';
import type { Params } from '../../api/path.js';
import { parseUpid } from '../../api/upid.js';
import type { Context } from '../../context.js';
import { InterruptedError, TimeoutError, UsageError } from '../../errors.js';
import { formatBytes } from '../../output/humanize.js';
import { progress } from '../../output/progress.js';
import { guestLabel, printGuest, type GuestView } from './guest-view.js';
import { remaining } from './guest-wait.js';
import { checkTargetNode, checkTargetStorage, precheckVm } from './migrate-checks.js';
import { deadlineOf, followTask, printUpid } from './single-task.js';
import { resolveGuest } from './targets.js';
import { migrateGuest } from '../../api/guest-lifecycle.js';

export interface MigrateOptions {
  kind: GuestKind;
  guest: string;
  node: string;
  online: boolean;
  /** qemu only */
  withLocalDisks: boolean;
  targetStorage?: string;
}

interface Plan {
  params: Params;
  /** for the progress line: live, offline, restart */
  how: string;
}

/** Bound for waiting on an HA manager's move when no --timeout is given. */
const HA_DEFAULT_MS = 300_000;

export async function run(ctx: Context, opts: MigrateOptions): Promise<void> {
  if (opts.kind === 'lxc' && opts.online) {
    throw new UsageError(
      'containers cannot move live; leave --online out (a running container is restarted on the target node)',
    );
  }
  const client = await ctx.client(await ctx.region());
  const g = await resolveGuest(client, opts.kind, opts.guest);
  if (g.node === opts.node) throw new UsageError(`${guestLabel(g)} is already on ${opts.node}; name another node`);
  await checkTargetNode(client, opts.node);
  if (opts.targetStorage !== undefined) await checkTargetStorage(client, g.type, opts.node, opts.targetStorage);
  const plan = g.type === 'qemu' ? await planVm(ctx, client, g, opts) : planCt(ctx, g, opts);

  const p = progress(ctx);
  const deadline = deadlineOf(ctx);
  try {
    const upid = await migrateGuest(client, g, plan.params);
    if (upid === null) return; // dry run
    const view: GuestView = {
      vmid: g.vmid,
      name: g.name,
      type: g.type,
      node: opts.node,
      status: g.status,
      region: g.region,
    };
    if (!ctx.globals.wait) {
      const note = `${guestLabel(g)} is moving from ${g.node} to ${opts.node}`;
      return await printUpid(ctx, p, upid, note, () =>
        printGuest(ctx, p, { ...view, node: g.node }, { target: opts.node, upid }),
      );
    }
    await followTask(
      ctx,
      client,
      p,
      `Migrating ${guestLabel(g)} ${g.node} → ${opts.node} (${plan.how})`,
      upid,
      deadline,
    );
    // an HA-managed guest: the task only filed the request (QUIRKS C7); the guest's node tells
    if (/^ha/.test(parseUpid(upid)?.type ?? '')) await waitForNode(ctx, client, g, opts.node, deadline);
    await printGuest(ctx, p, view, { from: g.node });
  } finally {
    p.stop();
  }
}

async function planVm(ctx: Context, client: PveClient, g: Guest, opts: MigrateOptions): Promise<Plan> {
  const pre = await precheckVm(client, g, opts.node);
  if (pre.running && pre.localDisks.length > 0 && !opts.withLocalDisks) {
    const disks = pre.localDisks.map((d) => `${d.volid}${d.size ? ` ${formatBytes(d.size)}` : ''}`).join(', ');
    throw new UsageError(
      `${guestLabel(g)} is running and has local disks (${disks}): a live migration copies them while it runs`,
      {
        hint: `Pass --with-local-disks to copy them, or shut it down first (pvectl vm shutdown ${g.name || g.vmid}).`,
      },
    );
  }
  if (!pre.running && opts.online)
    ctx.info(`${guestLabel(g)} is not running: --online does not apply, it moves offline`);
  return {
    params: {
      target: opts.node,
      online: pre.running ? true : undefined,
      'with-local-disks': opts.withLocalDisks ? true : undefined,
      targetstorage: opts.targetStorage,
    },
    how: pre.running ? 'live' : 'offline',
  };
}

function planCt(ctx: Context, g: Guest, opts: MigrateOptions): Plan {
  const running = g.status === 'running';
  if (running)
    ctx.info(`${guestLabel(g)} is running: it is stopped, moved and started again on ${opts.node} (restart migration)`);
  return {
    params: { target: opts.node, restart: running ? true : undefined, 'target-storage': opts.targetStorage },
    how: running ? 'restart' : 'offline',
  };
}

async function waitForNode(
  ctx: Context,
  client: PveClient,
  g: Guest,
  target: string,
  deadline: number | undefined,
): Promise<void> {
  const end = deadline ?? ctx.clock.now() + HA_DEFAULT_MS;
  for (let poll = 250; ; poll = Math.min(poll * 2, 2000)) {
    const now = (await listGuests(client, g.type)).find((x) => x.vmid === g.vmid);
    if (now?.node === target) return;
    if (ctx.clock.now() >= end) {
      throw new TimeoutError(
        `timed out waiting for the HA manager to move ${guestLabel(g)} to ${target} (it is on ` +
          `${now?.node ?? 'an unknown node'})`,
        {
          hint: `The request stands; check later with: pvectl ${g.type === 'qemu' ? 'vm' : 'ct'} show ${g.vmid}`,
        },
      );
    }
    try {
      await ctx.clock.sleep(Math.min(poll, remaining(ctx, end) ?? poll), ctx.signal);
    } catch {
      throw new InterruptedError(`interrupted; the HA manager still moves ${guestLabel(g)} to ${target}`);
    }
  }
}
