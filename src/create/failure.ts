// When a step fails after the new guest exists: say exactly what exists and how to remove it, or
// remove it (--rollback). The error keeps its class, so the exit code still says what went wrong
// (task failure 1, timeout 6, Ctrl-C 130 with the task's UPID).
import { kindLabel, listGuests, type GuestKind } from '../api/guests.js';
import { InterruptedError, PvectlError } from '../errors.js';
import { leftovers, removeGuest } from './rollback.js';
import type { FinishState } from './finish.js';
import type { Session } from './session.js';

export interface NewGuest {
  vmid: number;
  name: string;
  node: string;
  type: GuestKind;
}

export const removeCommand = (g: NewGuest) =>
  `pvectl ${g.type === 'qemu' ? 'vm' : 'ct'} delete ${g.vmid} --yes --force`;

/**
 * The error to throw for `err`, which happened while the guest was "<phase>" (e.g. "did not
 * start"). A guest that a failed create task took away again is not mentioned.
 */
export async function failedAfterCreate(
  s: Session,
  g: NewGuest,
  phase: string,
  err: unknown,
  rollback: boolean,
): Promise<unknown> {
  const interrupted = err instanceof InterruptedError || s.ctx.signal.aborted;
  const exists = interrupted ? true : await stillExists(s, g).catch(() => true);
  if (!exists) return err;
  const what = `${kindLabel(g.type)} ${g.vmid} (${g.name})`;
  const cause = err instanceof Error ? err.message : String(err);
  const out = err instanceof PvectlError ? err : new PvectlError(cause, { cause: err });
  const hints = out.hint ? [out.hint] : [];
  if (rollback && !interrupted) {
    try {
      await removeGuest(s, g);
      out.message = `${what} ${phase}: ${cause}. It was removed again (--rollback).`;
      out.hint = hints.join('\n') || undefined;
      return out;
    } catch (rbErr) {
      const why = rbErr instanceof Error ? rbErr.message : String(rbErr);
      const left = await leftovers(s, g).catch(() => ({ status: 'unknown', tasks: [] as string[] }));
      if (!left) {
        out.message = `${what} ${phase}: ${cause}. It was removed again (--rollback), though the removal reported: ${why}`;
        out.hint = hints.join('\n') || undefined;
        return out;
      }
      const running = left.tasks.length > 0 ? `; task ${left.tasks.join(' ')} still running on it` : '';
      out.message = `${what} still exists on ${g.node} (${left.status}${running}) but ${phase}: ${cause}. Removing it failed too: ${why}`;
      out.hint = [
        ...hints,
        ...(left.tasks.length > 0 ? [`Wait for its task to end: pvectl task wait ${left.tasks.join(' ')}`] : []),
        `Remove it with: ${removeCommand(g)}`,
      ].join('\n');
      return out;
    }
  }
  out.message = `${what} exists on ${g.node} but ${phase}: ${cause}`;
  out.hint = [
    ...hints,
    `Remove it with: ${removeCommand(g)}${interrupted && rollback ? ' (--rollback does not act on Ctrl-C)' : ''}`,
  ].join('\n');
  return out;
}

async function stillExists(s: Session, g: NewGuest): Promise<boolean> {
  return (await listGuests(s.client)).some((x) => x.vmid === g.vmid && x.type === g.type);
}

/** Runs a create's steps: once a step has made the guest, a failure says what exists (or rolls it back). */
export async function guardCreate(
  s: Session,
  rollback: boolean,
  steps: (state: FinishState) => Promise<void>,
): Promise<void> {
  const state: FinishState = { phase: '' };
  try {
    await steps(state);
    if (s.dryRun) s.ctx.info('Dry run: nothing was created.');
  } catch (err) {
    s.progress.stop(); // before the message, and before a rollback's own progress
    if (state.guest) throw await failedAfterCreate(s, state.guest, state.phase, err, rollback);
    throw err;
  } finally {
    s.progress.stop();
  }
}
