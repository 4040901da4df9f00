// Waiting on a guest after a write: its task, bounded by one deadline for the whole run, or — for an
// HA-managed guest, whose hastart/hastop task only files a request (QUIRKS C7) — its state.
import type { Context } from '../../context.js';
import type { PveClient } from '../../api/client.js';
import { guestPath, kindLabel, type Guest } from '../../api/guests.js';
import { waitForTask, type TaskStatus, type WaitOptions } from '../../api/tasks.js';
import { TaskWatcher } from '../../api/task-watcher.js';
import { InterruptedError, PvectlError, TimeoutError } from '../../errors.js';
import { str } from '../../lib/values.js';
import { getCurrentStatus } from '../../api/guest-status.js';

/** Default bound for waiting on an HA manager when no --timeout is given. */
const HA_DEFAULT_MS = 300_000;

export function remaining(ctx: Context, deadline: number | undefined): number | undefined {
  return deadline === undefined ? undefined : Math.max(0, deadline - ctx.clock.now());
}

export function waitTask(
  ctx: Context,
  client: PveClient,
  upid: string,
  deadline: number | undefined,
  onLog?: (line: string) => void,
  poll?: Pick<WaitOptions, 'minPollMs' | 'maxPollMs'>,
): Promise<TaskStatus> {
  return waitForTask(client, upid, {
    clock: ctx.clock,
    signal: ctx.signal,
    timeoutMs: remaining(ctx, deadline),
    onLog,
    ...poll,
  });
}

/** For bulk verbs: every task of the run watched together (one request per node per tick). */
export function taskWaiter(
  ctx: Context,
  client: PveClient,
): (upid: string, deadline: number | undefined) => Promise<TaskStatus> {
  const watcher = new TaskWatcher(client, { clock: ctx.clock, signal: ctx.signal });
  return (upid, deadline) => watcher.wait(upid, remaining(ctx, deadline));
}

export type RunState = 'running' | 'stopped' | 'paused';

/** Polls status/current until the guest is in `target` (qemu: `qmpstatus` tells paused from running). */
export async function waitForState(
  ctx: Context,
  client: PveClient,
  g: Guest,
  target: RunState,
  deadline: number | undefined,
): Promise<void> {
  const end = deadline ?? ctx.clock.now() + HA_DEFAULT_MS;
  const what = `${kindLabel(g.type)} ${g.vmid}`;
  let poll = 250;
  for (;;) {
    const s = await getCurrentStatus(client, g);
    const state = str(s.status) === 'running' ? (str(s.qmpstatus) === 'paused' ? 'paused' : 'running') : str(s.status);
    if (state === target) return;
    const ha = (s.ha ?? {}) as Record<string, unknown>;
    if (str(ha.state) === 'error') {
      throw new PvectlError(`the HA manager put ${what} in state "error"`, {
        hint: 'See `ha-manager status` on a node, then clear it with `ha-manager set vm:ID --state disabled`.',
      });
    }
    if (ctx.clock.now() >= end) {
      throw new TimeoutError(
        `timed out waiting for the HA manager to make ${what} ${target} (it is ${state ?? 'unknown'})`,
        {
          hint: `The request stands; check later with: pvectl ${g.type === 'qemu' ? 'vm' : 'ct'} show ${g.vmid}`,
        },
      );
    }
    try {
      await ctx.clock.sleep(Math.min(poll, Math.max(0, end - ctx.clock.now())), ctx.signal);
    } catch {
      throw new InterruptedError(`interrupted; the HA manager still carries out the request for ${what}`);
    }
    poll = Math.min(poll * 2, 2000);
  }
}
