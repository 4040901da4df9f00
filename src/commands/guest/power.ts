// start|stop|shutdown|reboot|suspend|resume on many guests: a bounded pool, one result per guest.
// A guest already in the target state (known from /cluster/resources) is reported and counts as
// success with no request sent, as kubectl and hcloud do.
import type { Context } from '../../context.js';
import { kindLabel, type Guest, type GuestKind } from '../../api/guests.js';
import { parseUpid } from '../../api/upid.js';
import { ApiError, InterruptedError, TaskError } from '../../errors.js';
import { runPool } from '../../lib/pool.js';
import { progress } from '../../output/progress.js';
import { BulkReporter, lateOutcome, plural, resultOf, shortError, verdict, type Outcome } from './bulk.js';
import { taskWaiter, waitForState, type RunState } from './guest-wait.js';
import { resolveTargets, type SelectorOptions } from './targets.js';
import { postPower } from '../../api/guest-status.js';

export type PowerAction = 'start' | 'stop' | 'shutdown' | 'reboot' | 'suspend' | 'resume';

export interface PowerOptions extends SelectorOptions {
  kind: GuestKind;
  action: PowerAction;
  parallel: number;
  forceStop: boolean;
}

const WORDS: Record<PowerAction, { ing: string; ed: string; to: string }> = {
  start: { ing: 'Starting', ed: 'started', to: 'to start' },
  stop: { ing: 'Stopping', ed: 'stopped', to: 'to stop' },
  shutdown: { ing: 'Shutting down', ed: 'shut down', to: 'to shut down' },
  reboot: { ing: 'Rebooting', ed: 'rebooted', to: 'to reboot' },
  suspend: { ing: 'Suspending', ed: 'suspended', to: 'to suspend' },
  resume: { ing: 'Resuming', ed: 'resumed', to: 'to resume' },
};

/** Where an HA manager has to take the guest after a hastart/hastop request. */
const HA_TARGET: Partial<Record<PowerAction, RunState>> = { start: 'running', stop: 'stopped', shutdown: 'stopped' };

/** Shutdown with --force-stop: default grace before the hard stop when no --timeout is given. */
const SHUTDOWN_GRACE_S = 60;

/** The skip policy: null when a request is needed. */
export function alreadyThere(action: PowerAction, g: Guest): string | null {
  switch (action) {
    case 'start':
      return g.status === 'running' ? 'already running' : null;
    case 'stop':
    case 'shutdown':
      return g.status === 'stopped' ? 'already stopped' : null;
    case 'suspend':
      return g.status === 'paused' || g.status === 'suspended' ? `already ${g.status}` : null;
    case 'resume':
      // a frozen container still shows "running" in /cluster/resources: only a VM can be skipped
      return g.type === 'qemu' && g.status === 'running' ? 'already running' : null;
    default:
      return null;
  }
}

/**
 * The guest reached the target state between the listing and the request: Proxmox VE refuses a
 * CT start when running and a CT stop/shutdown when stopped with a 500 before any task, and
 * fails a VM start when running inside its task. Reported like the skip above, not as a failure.
 */
export function alreadyAnswer(action: PowerAction, err: unknown): string | null {
  const text =
    err instanceof TaskError ? err.exitstatus : err instanceof ApiError && err.status === 500 ? err.message : '';
  if ((action === 'start' || action === 'resume') && /\b(VM|CT) \d+ already running$/.test(text)) {
    return 'already running';
  }
  if ((action === 'stop' || action === 'shutdown') && err instanceof ApiError && /\bCT \d+ not running$/.test(text)) {
    return 'already stopped';
  }
  return null;
}

export function powerParams(
  action: PowerAction,
  forceStop: boolean,
  timeoutMs: number | undefined,
): Record<string, number> | undefined {
  if (action !== 'shutdown' || (!forceStop && timeoutMs === undefined)) return undefined;
  // leave a fifth of --timeout for the hard stop and our own polling to finish inside it
  const timeout = timeoutMs === undefined ? SHUTDOWN_GRACE_S : Math.max(1, Math.floor((timeoutMs * 0.8) / 1000));
  return forceStop ? { forceStop: 1, timeout } : { timeout };
}

export async function run(ctx: Context, opts: PowerOptions): Promise<void> {
  const client = await ctx.client(await ctx.region());
  const guests = await resolveTargets(ctx, client, opts.kind, opts);
  const p = progress(ctx);
  const reporter = new BulkReporter(ctx, p, guests.length);
  const words = WORDS[opts.action];
  if (guests.length === 0) {
    ctx.info(`no ${plural(opts.kind, 2)} match`);
    return reporter.finish([]);
  }
  const deadline = ctx.globals.timeoutMs === undefined ? undefined : ctx.clock.now() + ctx.globals.timeoutMs;
  const waiting = ctx.globals.wait && !ctx.globals.dryRun;
  const single = guests.length === 1 ? guests[0]! : undefined;
  if (waiting)
    p.step(
      single
        ? `${words.ing} ${kindLabel(opts.kind)} ${single.vmid} ${single.name}`
        : `${words.ing} ${guests.length} ${plural(opts.kind, 2)}`,
    );
  let finished = 0;
  const waitTask = taskWaiter(ctx, client);

  const one = async (g: Guest): Promise<Outcome> => {
    const skip = alreadyThere(opts.action, g);
    if (skip) return { guest: g, result: resultOf(g, opts.action, true, skip, null) };
    if (deadline !== undefined && ctx.clock.now() >= deadline) return lateOutcome(g, opts.action);
    let upid: string | null = null;
    try {
      upid = await postPower(client, g, opts.action, powerParams(opts.action, opts.forceStop, ctx.globals.timeoutMs));
      if (!upid)
        return {
          guest: g,
          result: resultOf(g, opts.action, true, ctx.globals.dryRun ? 'not sent (dry run)' : words.ed, null),
        };
      if (!ctx.globals.wait) return { guest: g, result: resultOf(g, opts.action, true, upid, upid) };
      await waitTask(upid, deadline);
      // an HA request task only files the request: the state is what counts
      const target = HA_TARGET[opts.action];
      if (target && /^ha/.test(parseUpid(upid)?.type ?? '')) await waitForState(ctx, client, g, target, deadline);
      return { guest: g, result: resultOf(g, opts.action, true, words.ed, upid) };
    } catch (err) {
      const already = alreadyAnswer(opts.action, err);
      if (already) return { guest: g, result: resultOf(g, opts.action, true, already, upid) };
      return { guest: g, result: resultOf(g, opts.action, false, 'failed', upid, shortError(err)), err };
    }
  };

  const settled = await runPool(
    guests,
    opts.parallel,
    async (g) => {
      const o = await one(g);
      if (!(o.err instanceof InterruptedError) && !ctx.globals.dryRun) {
        reporter.report(o.result);
        p.update(`${++finished}/${guests.length}`);
      }
      return o;
    },
    ctx.signal,
  );
  const outcomes = settled.map((s, i): Outcome =>
    s.status === 'fulfilled'
      ? s.value
      : {
          guest: guests[i]!,
          result: resultOf(guests[i]!, opts.action, false, 'not started', null, 'interrupted'),
          err: new InterruptedError('not started'),
        },
  );
  if (ctx.globals.dryRun) reportSkips(ctx, outcomes);
  else await reporter.finish(outcomes.map((o) => o.result));
  verdict(outcomes, opts.kind, words.to, ctx.signal);
}

/** Under --dry-run stdout holds only the calls (nothing happened); say which guests needed none. */
function reportSkips(ctx: Context, outcomes: Outcome[]): void {
  for (const o of outcomes)
    if (!o.result.upid && o.result.result.startsWith('already'))
      ctx.info(`${o.guest.vmid} ${o.guest.name}: ${o.result.result}, no call needed`);
}
