// What bulk guest verbs (power, delete) share: one result per guest — a line on stdout as each one
// ends, or a JSON/YAML array at the end — and the exit status of the whole run.
import type { Context } from '../../context.js';
import type { Guest, GuestKind } from '../../api/guests.js';
import { ApiError, InterruptedError, PartialFailureError, PvectlError, TaskError, TimeoutError } from '../../errors.js';
import type { Progress } from '../../output/progress.js';
import { renderYaml } from '../../output/yaml.js';

export interface GuestResult {
  vmid: number;
  name: string;
  node: string;
  action: string;
  ok: boolean;
  /** what happened, e.g. "started", "already running" */
  result: string;
  upid: string | null;
  error: string | null;
}

export interface Outcome {
  guest: Guest;
  result: GuestResult;
  /** the failure, typed (TaskError, TimeoutError, InterruptedError …) */
  err?: unknown;
}

export const plural = (kind: GuestKind, n: number): string =>
  kind === 'qemu' ? (n === 1 ? 'VM' : 'VMs') : n === 1 ? 'CT' : 'CTs';

export function resultOf(
  g: Guest,
  action: string,
  ok: boolean,
  result: string,
  upid: string | null,
  error: string | null = null,
): GuestResult {
  return { vmid: g.vmid, name: g.name, node: g.node, action, ok, result, upid, error };
}

/** The short text for a result line: the task's exit status or Proxmox's message, no call prefix. */
export function shortError(err: unknown): string {
  if (err instanceof TaskError) return err.exitstatus || err.message;
  if (err instanceof ApiError) return err.message.replace(/^(GET|POST|PUT|DELETE) \S+: /, '');
  if (err instanceof TimeoutError) return err.message;
  return err instanceof Error ? err.message : String(err);
}

/** A guest whose turn came after --timeout ran out: nothing is sent for it. */
/** The outcome of every guest of a pool run: one that Ctrl-C kept from starting is "not started". */
export function settledOutcomes(settled: PromiseSettledResult<Outcome>[], guests: Guest[], action: string): Outcome[] {
  return settled.map((s, i) =>
    s.status === 'fulfilled'
      ? s.value
      : {
          guest: guests[i]!,
          result: resultOf(guests[i]!, action, false, 'not started', null, 'interrupted'),
          err: new InterruptedError('not started'),
        },
  );
}

export function lateOutcome(g: Guest, action: string): Outcome {
  const err = new TimeoutError('not started: --timeout ran out before its turn');
  return { guest: g, result: resultOf(g, action, false, 'not started', null, err.message), err };
}

export function resultLine(r: GuestResult): string {
  const what = r.ok ? r.result : `FAILED: ${r.error ?? r.result}`;
  return `${r.vmid} ${r.name || '-'} ${what}\n`;
}

/** Prints each result as it ends (text formats); structured formats print once, in input order. */
export class BulkReporter {
  private readonly structured: boolean;
  private reported = 0;

  /** `total`: how many results will come; the progress stops before the last one is printed */
  constructor(
    private readonly ctx: Context,
    private readonly progress: Progress,
    private readonly total = Infinity,
  ) {
    this.structured = ['json', 'yaml', 'id'].includes(ctx.globals.output);
  }

  report(r: GuestResult): void {
    // nothing is left to wait for after the last one: no spinner may follow it on the terminal
    if (++this.reported >= this.total) this.progress.stop();
    if (!this.structured) this.progress.out(resultLine(r));
  }

  async finish(results: GuestResult[]): Promise<void> {
    this.progress.stop();
    const fmt = this.ctx.globals.output;
    if (fmt === 'json') this.ctx.io.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    else if (fmt === 'yaml') this.ctx.io.stdout.write(await renderYaml(results));
    else if (fmt === 'id') {
      for (const r of results) if (r.ok) this.ctx.io.stdout.write(`${r.vmid}\n`);
    }
  }
}

/**
 * The run's verdict: Ctrl-C → 130 naming what keeps running; one guest → its own error (its class
 * decides the exit code); timeouts → 6 with the UPIDs still running; all failed → 1; some → 7.
 */
export function verdict(outcomes: Outcome[], kind: GuestKind, doing: string, signal: AbortSignal): void {
  const failed = outcomes.filter((o) => !o.result.ok);
  if (signal.aborted) throw interruptedRun(outcomes);
  if (failed.length === 0) return;
  if (outcomes.length === 1) throw failed[0]!.err ?? new PvectlError(failed[0]!.result.error ?? 'failed');
  const timedOut = failed.filter((o) => o.err instanceof TimeoutError);
  if (timedOut.length > 0) {
    const upids = timedOut.map((o) => o.result.upid).filter((u): u is string => !!u);
    const late = timedOut.filter((o) => !o.result.upid).map((o) => o.guest.vmid);
    const parts = [`timed out waiting for ${timedOut.length} of ${outcomes.length} ${plural(kind, outcomes.length)}`];
    if (upids.length) parts.push(`still running: ${upids.join(' ')}`);
    if (late.length) parts.push(`not started: ${late.join(' ')}`);
    throw new TimeoutError(
      parts.join('; '),
      upids.length ? { hint: `Wait again with: pvectl task wait ${upids.join(' ')}` } : undefined,
    );
  }
  const n = plural(kind, outcomes.length);
  if (failed.length === outcomes.length)
    throw new PvectlError(`all ${outcomes.length} ${n} failed ${doing} (see above)`);
  throw new PartialFailureError(`${failed.length} of ${outcomes.length} ${n} failed ${doing} (see above)`);
}

function interruptedRun(outcomes: Outcome[]): InterruptedError {
  const running = outcomes.filter((o) => o.err instanceof InterruptedError && o.result.upid);
  const untouched = outcomes
    .filter((o) => o.err instanceof InterruptedError && !o.result.upid)
    .map((o) => o.guest.vmid);
  const parts = ['interrupted'];
  if (running.length) parts.push(`tasks keep running on the cluster: ${running.map((o) => o.result.upid).join(' ')}`);
  if (untouched.length) parts.push(`not touched: ${untouched.join(' ')}`);
  return new InterruptedError(parts.join('; '), {
    hint: running.length
      ? `Resume waiting with: pvectl task wait ${running.map((o) => o.result.upid).join(' ')}`
      : undefined,
  });
}
