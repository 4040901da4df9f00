// start|stop|shutdown|reboot|suspend|resume on many guests: a bounded pool, one result per guest.
// A guest already in the target state (known from /cluster/resources) is reported and counts as
// success with no request sent, as kubectl and hcloud do. One that cannot get there (a stopped
// guest to suspend, a template to start, a guest on an offline node) fails with no request sent.
import type { Context } from '../../context.js';
import { kindLabel, type Guest, type GuestKind } from '../../api/guests.js';
import { parseUpid } from '../../api/upid.js';
import { InterruptedError, PvectlError } from '../../errors.js';
import { runPool } from '../../lib/pool.js';
import { progress } from '../../output/progress.js';
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
import { taskWaiter, waitForState, type RunState } from './guest-wait.js';
import { resolveTargets, type SelectorOptions } from './targets.js';
import { locateGuest } from './locate.js';
import { postPower } from '../../api/guest-status.js';
import { offlineNodes } from '../node/known.js';
import { offlineRefusal } from './offline.js';
import { alreadyAnswer, alreadyThere, impossible, type PowerAction } from './power-policy.js';

export type { PowerAction } from './power-policy.js';

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
  const guests = oneNamed(opts)
    ? [(await locateGuest(ctx, client, opts.kind, opts.refs[0]!)).guest]
    : await resolveTargets(ctx, client, opts.kind, opts);
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
  // QUIRKS C1: a guest on an offline node shows status "unknown"; only then are nodes looked up
  const offline = guests.some((g) => g.status === 'unknown') ? await offlineNodes(client) : new Set<string>();

  const one = async (g: Guest): Promise<Outcome> => {
    const why = offlineRefusal(g, offline) ?? impossible(opts.action, g);
    if (why) {
      const hint = g.template
        ? `Clone it instead: pvectl ${opts.kind === 'qemu' ? 'vm' : 'ct'} clone ${g.vmid} NAME`
        : undefined;
      const err = new PvectlError(why, { hint });
      return { guest: g, result: resultOf(g, opts.action, false, 'refused', null, why), err };
    }
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
  const outcomes = settledOutcomes(settled, guests, opts.action);
  if (ctx.globals.dryRun) reportSkips(ctx, outcomes);
  else await reporter.finish(outcomes.map((o) => o.result));
  verdict(outcomes, opts.kind, words.to, ctx.signal);
}

/** One guest by VMID or name, no selector: its hint may spare the read of /cluster/resources. */
function oneNamed(opts: PowerOptions): boolean {
  const selector = opts.all || opts.tags.length > 0 || !!opts.pool || !!opts.node || !!opts.status;
  return opts.refs.length === 1 && opts.refs[0] !== '-' && !selector;
}

/** Under --dry-run stdout holds only the calls (nothing happened); say which guests needed none. */
function reportSkips(ctx: Context, outcomes: Outcome[]): void {
  for (const o of outcomes)
    if (!o.result.upid && o.result.result.startsWith('already'))
      ctx.info(`${o.guest.vmid} ${o.guest.name}: ${o.result.result}, no call needed`);
}
