// When a step fails after the new guest exists: say exactly what exists and how to remove it, or
// remove it (--rollback). The error keeps its class, so the exit code still says what went wrong
// (task failure 1, timeout 6, Ctrl-C 130 with the task's UPID).
import { guestPath, kindLabel, listGuests, type GuestKind } from '../api/guests.js';
import { waitForTask } from '../api/tasks.js';
import { InterruptedError, PvectlError } from '../errors.js';
import type { Session } from './session.js';

export interface NewGuest {
  vmid: number;
  name: string;
  node: string;
  type: GuestKind;
}

export const removeCommand = (g: NewGuest) => `pvectl ${g.type === 'qemu' ? 'vm' : 'ct'} delete ${g.vmid} --yes --force`;

/**
 * The error to throw for `err`, which happened while the guest was "<phase>" (e.g. "did not
 * start"). A guest that a failed create task took away again is not mentioned.
 */
export async function failedAfterCreate(s: Session, g: NewGuest, phase: string, err: unknown, rollback: boolean): Promise<unknown> {
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
      out.message = `${what} exists on ${g.node} but ${phase}: ${cause}. Removing it failed too: ${rbErr instanceof Error ? rbErr.message : String(rbErr)}`;
      out.hint = [...hints, `Remove it with: ${removeCommand(g)}`].join('\n');
      return out;
    }
  }
  out.message = `${what} exists on ${g.node} but ${phase}: ${cause}`;
  out.hint = [...hints, `Remove it with: ${removeCommand(g)}${interrupted && rollback ? ' (--rollback does not act on Ctrl-C)' : ''}`].join('\n');
  return out;
}

async function stillExists(s: Session, g: NewGuest): Promise<boolean> {
  return (await listGuests(s.client)).some((x) => x.vmid === g.vmid && x.type === g.type);
}

/** Stops the guest when it runs, then destroys it with its disks; one minute at most. */
export async function removeGuest(s: Session, g: NewGuest): Promise<void> {
  const opts = { clock: s.ctx.clock, signal: s.ctx.signal, timeoutMs: 60_000 };
  s.progress.step(`Removing ${kindLabel(g.type)} ${g.vmid} (--rollback)`);
  try {
    const status = await s.client.get<{ status?: string } | null>(guestPath(g, '/status/current'));
    if (status?.status === 'running') {
      const stop = await s.client.post<string | null>(guestPath(g, '/status/stop'));
      if (stop) await waitForTask(s.client, stop, opts);
    }
    const params = g.type === 'qemu' ? { purge: true, 'destroy-unreferenced-disks': true } : { purge: true, force: true };
    const upid = await s.client.delete<string | null>(guestPath(g), params);
    if (upid) await waitForTask(s.client, upid, opts);
  } catch (err) {
    s.progress.fail('failed');
    throw err;
  }
  s.progress.done();
}
