// One create run: the context, the region's client, progress on stderr and one deadline for the
// whole create (--timeout, default 5 minutes). Tasks are waited on here; under --dry-run the
// client returns null instead of a UPID and there is nothing to wait for.
import type { PveClient } from '../api/client.js';
import type { Region } from '../config/types.js';
import type { Context } from '../context.js';
import { TimeoutError } from '../errors.js';
import { progress, type Progress } from '../output/progress.js';
import { deadlineOf, followTask } from '../commands/guest/single-task.js';

export const DEFAULT_CREATE_TIMEOUT_MS = 5 * 60_000;

export interface Session {
  ctx: Context;
  client: PveClient;
  region: Region;
  progress: Progress;
  dryRun: boolean;
  /** epoch ms by which the create must be done */
  deadline: number;
  timeoutMs: number;
  /** tasks waited on, for the failure message and the benchmark */
  upids: string[];
  /** the labels of the steps waited for, in order (what --no-wait still waited for) */
  waited: string[];
}

export async function openSession(ctx: Context): Promise<Session> {
  const region = await ctx.region();
  const client = await ctx.client(region);
  const timeoutMs = ctx.globals.timeoutMs ?? DEFAULT_CREATE_TIMEOUT_MS;
  return {
    ctx,
    client,
    region,
    progress: progress(ctx),
    dryRun: ctx.globals.dryRun,
    deadline: deadlineOf(ctx) ?? ctx.clock.now() + timeoutMs,
    timeoutMs,
    upids: [],
    waited: [],
  };
}

export function remainingMs(s: Session, what: string): number {
  const left = s.deadline - s.ctx.clock.now();
  if (left <= 0)
    throw new TimeoutError(`timed out (${formatMs(s.timeoutMs)}) ${what}`, {
      hint: 'Give it more time with --timeout, e.g. --timeout 15m.',
    });
  return left;
}

// a create is a handful of tasks of seconds each: noticing the end quickly is worth a few polls
const CREATE_POLL = { minPollMs: 50, maxPollMs: 250 };

/** Waits for a task under a progress step; a null UPID (dry run) is not waited on. */
export async function runTask(s: Session, label: string, upid: string | null, done?: string): Promise<void> {
  if (upid === null) return;
  s.upids.push(upid);
  s.waited.push(label);
  try {
    remainingMs(s, label.toLowerCase());
  } catch (err) {
    s.progress.step(label);
    s.progress.fail('failed');
    throw err;
  }
  await followTask(s.ctx, s.client, s.progress, label, upid, s.deadline, done, CREATE_POLL);
}

export function formatMs(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
