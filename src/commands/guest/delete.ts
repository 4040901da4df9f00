// delete: destroys guests after checks and a confirmation. A protected guest is refused; a running
// one too unless --force (then it is stopped first). Bulk like power: one result per guest.
import type { Context } from '../../context.js';
import type { PveClient } from '../../api/client.js';
import { kindLabel, type Guest, type GuestKind } from '../../api/guests.js';
import { getConfig } from '../../api/guest-config.js';
import { parseUpid } from '../../api/upid.js';
import { InterruptedError, PvectlError, UsageError } from '../../errors.js';
import { runPool } from '../../lib/pool.js';
import { bool } from '../../lib/values.js';
import { progress } from '../../output/progress.js';
import { safeMessage } from '../../output/safe-text.js';
import {
  BulkReporter,
  lateOutcome,
  plural,
  resultOf,
  shortError,
  verdict,
  type Outcome,
  settledOutcomes,
} from './bulk.js';
import { taskWaiter, waitForState } from './guest-wait.js';
import { resolveTargets, type SelectorOptions } from './targets.js';
import { deleteGuest } from '../../api/guest-lifecycle.js';
import { postPower } from '../../api/guest-status.js';
import { removeSeeds, seedVolumes } from '../../create/seed/attach.js';

export interface DeleteOptions extends SelectorOptions {
  kind: GuestKind;
  purge: boolean;
  force: boolean;
  parallel: number;
}

const noun = (kind: GuestKind) => (kind === 'qemu' ? 'vm' : 'ct');

/** Why a guest may not be deleted as asked, or null. */
export function refusal(
  g: Guest,
  config: Record<string, unknown>,
  opts: Pick<DeleteOptions, 'force' | 'purge'>,
): string | null {
  const ref = g.name || String(g.vmid);
  if (bool(config.protection)) {
    return (
      `${kindLabel(g.type)} ${g.vmid} is protected (protection: 1); turn protection off first (qm/pct set ` +
      `${g.vmid} --protection 0)`
    );
  }
  // Proxmox refuses to destroy an HA resource without purge — checked here, before a --force stop
  if (g.hastate && !opts.purge) {
    return `${kindLabel(g.type)} ${g.vmid} is HA-managed; pass --purge to remove it from HA too`;
  }
  if (g.status !== 'stopped' && !opts.force) {
    return (
      `${kindLabel(g.type)} ${g.vmid} is ${g.status}; stop it first (pvectl ${noun(g.type)} stop ${ref}) or ` +
      `pass --force to stop and delete it`
    );
  }
  return null;
}

export async function run(ctx: Context, opts: DeleteOptions): Promise<void> {
  const { yes, dryRun } = ctx.globals;
  if (!yes && !dryRun && !ctx.io.stdinTTY) {
    throw new UsageError(
      'delete needs confirmation: pass --yes (-y) when stdin is not a terminal; nothing was deleted',
    );
  }
  const client = await ctx.client(await ctx.region());
  const guests = await resolveTargets(ctx, client, opts.kind, opts);
  const p = progress(ctx);
  const reporter = new BulkReporter(ctx, p, guests.length);
  if (guests.length === 0) {
    ctx.info(`no ${plural(opts.kind, 2)} match`);
    return reporter.finish([]);
  }
  const configs = await Promise.all(guests.map((g) => getConfig(client, g)));
  const refused = new Map<number, string>();
  guests.forEach((g, i) => {
    const why = refusal(g, configs[i]!, opts);
    if (why) refused.set(g.vmid, why);
  });
  const doomed = guests.filter((g) => !refused.has(g.vmid));
  if (doomed.length > 0 && !yes && !dryRun && !(await ctx.prompt.confirm(question(opts, doomed)))) {
    throw new PvectlError('not confirmed; nothing was deleted');
  }
  const deadline = ctx.globals.timeoutMs === undefined ? undefined : ctx.clock.now() + ctx.globals.timeoutMs;
  if (ctx.globals.wait && !dryRun && doomed.length)
    p.step(`Deleting ${doomed.length} ${plural(opts.kind, doomed.length)}`);
  let finished = 0;
  const waitTask = taskWaiter(ctx, client);

  const one = async (g: Guest): Promise<Outcome> => {
    const why = refused.get(g.vmid);
    if (why) return { guest: g, result: resultOf(g, 'delete', false, 'refused', null, why), err: new PvectlError(why) };
    if (deadline !== undefined && ctx.clock.now() >= deadline) return lateOutcome(g, 'delete');
    let upid: string | null = null;
    try {
      if (g.status !== 'stopped') await stopFirst(ctx, client, g, (upid) => waitTask(upid, deadline), deadline);
      upid = await deleteGuest(client, g, opts.purge ? { purge: 1, 'destroy-unreferenced-disks': 1 } : undefined);
      if (!upid) return { guest: g, result: resultOf(g, 'delete', true, 'not sent (dry run)', null) };
      if (!ctx.globals.wait) return { guest: g, result: resultOf(g, 'delete', true, upid, upid) };
      await waitTask(upid, deadline);
      // pvectl's cloud-init seed of the VM, an ISO of its own that the destroy leaves behind
      const seeds = seedVolumes(g.vmid, configs[guests.indexOf(g)] ?? {}).map((volid) => ({ node: g.node, volid }));
      for (const seed of await removeSeeds(client, seeds)) await waitTask(seed, deadline);
      return { guest: g, result: resultOf(g, 'delete', true, 'deleted', upid) };
    } catch (err) {
      return { guest: g, result: resultOf(g, 'delete', false, 'failed', upid, shortError(err)), err };
    }
  };

  const settled = await runPool(
    guests,
    opts.parallel,
    async (g) => {
      const o = await one(g);
      if (o.err instanceof InterruptedError) return o;
      // under --dry-run stdout holds only the calls; a refusal is still said
      if (!dryRun) reporter.report(o.result);
      else if (!o.result.ok) {
        // the name and the error text come from the cluster: escaped, like every other message
        ctx.io.stderr.write(`${safeMessage(`${g.vmid} ${g.name || '-'} would fail: ${o.result.error}`)}\n`);
      }
      if (!refused.has(g.vmid)) p.update(`${++finished}/${doomed.length}`);
      return o;
    },
    ctx.signal,
  );
  const outcomes = settledOutcomes(settled, guests, 'delete');
  if (!dryRun) await reporter.finish(outcomes.map((o) => o.result));
  verdict(outcomes, opts.kind, 'to delete', ctx.signal);
}

function question(opts: DeleteOptions, doomed: Guest[]): string {
  const list = doomed
    .map(
      (g) =>
        `  ${g.vmid} ${g.name || '-'} on ` +
        `${g.node}${g.status !== 'stopped' ? ` (${g.status}: it is stopped first)` : ''}`,
    )
    .join('\n');
  const one = doomed.length === 1;
  const purge = opts.purge ? ` and purge ${one ? 'it' : 'them'} from backup jobs, replication, HA and pools` : '';
  return (
    `This deletes ${doomed.length} ${plural(opts.kind, doomed.length)} with ${one ? 'its' : 'their'} ` +
    `disks${purge}:\n${list}\nDelete?`
  );
}

/** --force: a hard stop (the guest is about to go anyway), waited on; an HA guest by its state. */
async function stopFirst(
  ctx: Context,
  client: PveClient,
  g: Guest,
  wait: (upid: string) => Promise<unknown>,
  deadline: number | undefined,
): Promise<void> {
  const upid = await postPower(client, g, 'stop');
  if (!upid) return;
  await wait(upid);
  if (/^ha/.test(parseUpid(upid)?.type ?? '')) await waitForState(ctx, client, g, 'stopped', deadline);
}
