// When a step fails after the new guest may exist: say exactly what exists and how to remove it,
// or remove it (--rollback). The report is a new error that names its cause and exits as the cause
// would (task failure 1, timeout 6, Ctrl-C 130 with the task's UPID) — except that a refusal of
// input (2) becomes 1, since something was written by then.
import { listGuests, kindLabel } from '../api/guests.js';
import { ExitCode, InterruptedError, LostAnswerError, PvectlError, exitCodeOf } from '../errors.js';
import { leftovers, removeGuest } from './rollback.js';
import type { Session } from './session.js';
import { CreateSteps, FAILED_AT, type NewGuest } from './steps.js';

export const removeCommand = (g: NewGuest) =>
  `pvectl ${g.type === 'qemu' ? 'vm' : 'ct'} delete ${g.vmid} --yes --force`;

export class CreateFailedError extends PvectlError {
  override readonly exitCode: number;
  constructor(message: string, cause: unknown, hint: string[]) {
    super(message, { cause, hint: hint.join('\n') || undefined });
    const code = exitCodeOf(cause);
    this.exitCode = code === ExitCode.usage ? ExitCode.failure : code;
  }
}

/** Runs a create's steps: once a step has made the guest, a failure says what exists (or rolls it back). */
export async function guardCreate(
  s: Session,
  rollback: boolean,
  run: (steps: CreateSteps) => Promise<void>,
): Promise<void> {
  const steps = new CreateSteps();
  try {
    await run(steps);
    if (s.dryRun) s.ctx.info('Dry run: nothing was created.');
  } catch (err) {
    s.progress.stop(); // before the message, and before a rollback's own progress
    const at = steps.state;
    if (at.made) throw await failedAfterCreate(s, at.guest, FAILED_AT[at.step], err, rollback);
    throw err;
  } finally {
    s.progress.stop();
  }
}

/** The error to throw for `err`; `err` itself when the guest is not there (a failed create task took it). */
async function failedAfterCreate(s: Session, g: NewGuest, failed: string, err: unknown, rollback: boolean) {
  const interrupted = err instanceof InterruptedError || s.ctx.signal.aborted;
  const lost = err instanceof LostAnswerError;
  const exists = interrupted ? true : await stillExists(s, g).catch(() => !lost);
  if (!exists) return err;
  const what = `${kindLabel(g.type)} ${g.vmid} (${g.name})`;
  const cause = describe(err);
  // a lost answer's own hint says how to find out what exists: this message says it
  const hints = err instanceof PvectlError && err.hint && !lost ? [err.hint] : [];
  const remove = `Remove it with: ${removeCommand(g)}`;
  if (!rollback || interrupted) {
    const note = interrupted && rollback ? ' (--rollback does not act on Ctrl-C)' : '';
    return new CreateFailedError(`${what} exists on ${g.node} but ${failed}: ${cause}`, err, [...hints, remove + note]);
  }
  try {
    await removeGuest(s, g);
    return new CreateFailedError(`${what} ${failed}: ${cause}. It was removed again (--rollback).`, err, hints);
  } catch (rbErr) {
    const why = describe(rbErr);
    const left = await leftovers(s, g).catch(() => ({ status: 'unknown', tasks: [] as string[] }));
    if (!left) {
      const message =
        `${what} ${failed}: ${cause}. ` + `It was removed again (--rollback), though the removal reported: ${why}`;
      return new CreateFailedError(message, err, hints);
    }
    const running = left.tasks.length > 0 ? `; task ${left.tasks.join(' ')} still running on it` : '';
    const waitHint =
      left.tasks.length > 0 ? [`Wait for its task to end: pvectl task wait ${left.tasks.join(' ')}`] : [];
    return new CreateFailedError(
      `${what} still exists on ${g.node} (${left.status}${running}) but ${failed}: ${cause}. ` +
        `Removing it failed too: ${why}`,
      err,
      [...hints, ...waitHint, remove],
    );
  }
}

/** A lost answer is said as what it is here: the guest was looked up, so the outcome is known. */
function describe(err: unknown): string {
  if (err instanceof LostAnswerError) {
    const how = err.cause instanceof Error ? ` (${err.cause.message})` : '';
    return `the answer to ${err.method} ${err.path} was lost${how}`;
  }
  return err instanceof Error ? err.message : String(err);
}

async function stillExists(s: Session, g: NewGuest): Promise<boolean> {
  return (await listGuests(s.client)).some((x) => x.vmid === g.vmid && x.type === g.type);
}
