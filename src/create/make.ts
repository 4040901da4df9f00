// The call that makes the guest (a create or a clone) and its task. From its answer on the guest
// exists — and after a lost answer it most likely does: the failure is reported as one after
// creation (./failure.ts looks the guest up), and the task the lost answer named is looked up so
// that --rollback can wait for it. A task that lost a VMID race made nothing of ours: the guest
// of that VMID is someone else's.
import { activeTasks } from '../api/tasks.js';
import { LostAnswerError } from '../errors.js';
import { runTask, type Session } from './session.js';
import type { CreateSteps, NewGuest } from './steps.js';
import { isVmidConflict } from './vmid.js';

export interface MakeCall {
  step: 'create' | 'clone';
  /** where its task runs and under which id (a clone's is the template's), to find it after a lost answer */
  task: { node: string; id: number; type: 'qmcreate' | 'qmclone' | 'vzcreate' };
  /** sends the call; its UPID, null under --dry-run */
  send: () => Promise<string | null>;
  /** the progress line while its task runs */
  label: string;
  /** false: leave the task running (--no-wait with nothing after it) */
  wait?: boolean;
}

/** The UPID of the task when it was left running; null once it has ended (or under --dry-run). */
export async function makeGuest(s: Session, steps: CreateSteps, g: NewGuest, call: MakeCall): Promise<string | null> {
  let upid: string | null;
  try {
    upid = await call.send();
  } catch (err) {
    if (err instanceof LostAnswerError) {
      steps.made(g, call.step);
      // its task, when it still runs, is one of the create's: --rollback waits for it to end
      const { node, id, type } = call.task;
      s.upids.push(...(await activeTasks(s.client, node, id, type).catch(() => [])));
    }
    throw err;
  }
  if (upid === null) return null;
  steps.made(g, call.step);
  if (call.wait === false) return upid;
  try {
    await runTask(s, call.label, upid);
  } catch (err) {
    if (isVmidConflict(err, g.vmid)) steps.notOurs();
    throw err;
  }
  return null;
}
