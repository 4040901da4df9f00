// --rollback: remove a guest whose create failed after it came to exist. A task of the create may
// still run on it — the create gave up waiting (--timeout), not the task, or the answer that
// named the task was lost (./make.ts finds it) — and a start that ends after the guest was seen
// stopped makes the destroy fail with "VM is running". So, in order: the create's tasks still
// running are waited on (a minute at most) or else stopped, the guest is stopped when it runs,
// and then destroyed with its disks.
import { currentStatus, destroyGuest, stopGuest } from '../api/guest-ops.js';
import { kindLabel, listGuests } from '../api/guests.js';
import { getTaskStatus, stopTask, waitForTask } from '../api/tasks.js';
import { TaskError, TimeoutError } from '../errors.js';
import type { Session } from './session.js';
import type { NewGuest } from './steps.js';

/** How long a task still running on the guest is waited for before it is stopped. */
export const ROLLBACK_TASK_WAIT_MS = 60_000;
/** Bound of each step after that (stopping a task, stopping the guest, destroying it). */
const STEP_MS = 60_000;

export async function removeGuest(s: Session, g: NewGuest): Promise<void> {
  const wait = (upid: string, timeoutMs = STEP_MS) =>
    waitForTask(s.client, upid, { clock: s.ctx.clock, signal: s.ctx.signal, timeoutMs });
  s.progress.step(`Removing ${kindLabel(g.type)} ${g.vmid} (--rollback)`);
  try {
    await endTasks(s, wait);
    if ((await currentStatus(s.client, g)).status === 'running') {
      s.progress.update('stopping it');
      const stop = await stopGuest(s.client, g);
      if (stop) await wait(stop);
    }
    s.progress.update('destroying it');
    const upid = await destroyGuest(s.client, g);
    if (upid) await wait(upid);
  } catch (err) {
    s.progress.fail('failed');
    throw err;
  }
  s.progress.done();
}

/** The create's tasks that still run: each waited for within one shared minute, else stopped. */
async function endTasks(s: Session, wait: (upid: string, timeoutMs?: number) => Promise<unknown>): Promise<void> {
  const running = await runningTasks(s);
  if (running.length === 0) return;
  const until = s.ctx.clock.now() + ROLLBACK_TASK_WAIT_MS;
  for (const upid of running) {
    s.progress.update(`waiting for task ${upid} to end`);
    try {
      await wait(upid, Math.max(0, until - s.ctx.clock.now()));
      continue;
    } catch (err) {
      if (err instanceof TaskError) continue; // it ended (failing): nothing of it runs any more
      if (!(err instanceof TimeoutError)) throw err;
    }
    s.progress.update(`stopping task ${upid}`);
    await stopTask(s.client, upid);
    // a stopped task ends with an error status ("interrupted by signal"): ended is all that counts
    await wait(upid).catch((err: unknown) => {
      if (!(err instanceof TaskError)) throw err;
    });
  }
}

/** UPIDs of this create's tasks that are still running. */
export async function runningTasks(s: Session): Promise<string[]> {
  const upids = [...new Set(s.upids)];
  const states = await Promise.all(
    upids.map((u) =>
      getTaskStatus(s.client, u).then(
        (t) => t.status,
        () => undefined,
      ),
    ),
  );
  return upids.filter((_, i) => states[i] === 'running');
}

/** What is left of the guest after a rollback failed: undefined when it is gone. */
export async function leftovers(s: Session, g: NewGuest): Promise<{ status: string; tasks: string[] } | undefined> {
  const exists = (await listGuests(s.client)).some((x) => x.vmid === g.vmid && x.type === g.type);
  if (!exists) return undefined;
  const [status, tasks] = await Promise.all([
    currentStatus(s.client, g).then(
      (x) => x.status ?? 'unknown',
      () => 'unknown',
    ),
    runningTasks(s),
  ]);
  return { status, tasks };
}
