// The end of a create: start the guest, wait until it runs and has an IP address (guest agent or
// container interfaces; a static address counts at once), and print it — with the printer and
// the --no-wait answer that every guest verb uses (src/commands/guest/).
import { currentStatus, startGuest } from '../api/guest-ops.js';
import { getConfig, kindLabel } from '../api/guests.js';
import { guestIps } from '../api/ips.js';
import { printGuest, type GuestView } from '../commands/guest/guest-view.js';
import { printUpid } from '../commands/guest/single-task.js';
import { InterruptedError, TimeoutError } from '../errors.js';
import type { Column } from '../output/types.js';
import { formatMs, remainingMs, runTask, type Session } from './session.js';
import type { CreateSteps, NewGuest } from './steps.js';

export interface CreatedView extends GuestView {
  ips: string[];
}

const COLUMNS: Column<CreatedView>[] = [
  { id: 'vmid', header: 'VMID', value: (r) => r.vmid, kind: 'number', align: 'right' },
  { id: 'name', header: 'NAME', value: (r) => r.name },
  { id: 'node', header: 'NODE', value: (r) => r.node },
  { id: 'status', header: 'STATUS', value: (r) => r.status, kind: 'status' },
  { id: 'ip', header: 'IP', value: (r) => r.ips, kind: 'list' },
];

/** Polls until `probe` answers something, with backoff, within the create's deadline. */
async function poll<T>(s: Session, what: string, probe: () => Promise<T | undefined>): Promise<T> {
  let pause = 100;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    const left = s.deadline - s.ctx.clock.now();
    if (left <= 0)
      throw new TimeoutError(`${what} within ${formatMs(s.timeoutMs)}`, {
        hint: 'Give it more time with --timeout, e.g. --timeout 15m.',
      });
    try {
      await s.ctx.clock.sleep(Math.min(pause, left), s.ctx.signal);
    } catch {
      throw new InterruptedError(`interrupted while ${what.replace(/^no /, 'waiting for ')}`);
    }
    pause = Math.min(Math.round(pause * 1.5), 500);
  }
}

async function waitRunning(s: Session, g: NewGuest): Promise<void> {
  await poll(s, `${kindLabel(g.type)} ${g.vmid} was not running`, async () =>
    (await currentStatus(s.client, g)).status === 'running' ? true : undefined,
  );
}

/** The guest's addresses once it reports one (static ones at once). */
async function waitForIp(s: Session, g: NewGuest): Promise<string[]> {
  remainingMs(s, 'before waiting for an IP address');
  s.progress.step('Waiting for IP');
  try {
    const config = await getConfig(s.client, g);
    const ips = await poll(s, 'no IP address was reported', async () => {
      const found = await guestIps(s.client, { ...g, status: 'running' }, config);
      return found.length > 0 ? found : undefined;
    });
    // a terminal's ✓ line replaces the step's label; a plain line follows it ("Waiting for IP: …")
    s.progress.done(`${s.ctx.io.stderrTTY ? 'IP ' : ''}${ips.join(', ')}`);
    return ips;
  } catch (err) {
    s.progress.fail('none yet');
    throw err;
  }
}

/** A table row for table/wide/tsv/id; the object itself for json and yaml. */
const printCreated = (s: Session, view: CreatedView, extra: Record<string, unknown> = {}) =>
  printGuest(s.ctx, s.progress, view, extra, COLUMNS);

/**
 * --no-wait: the UPID of the task left running (json/yaml/id: the guest with its `upid`). The
 * steps that had to end before that task could be sent (clone, download, disk resize …) were
 * waited for all the same: said here, since --no-wait's help cannot say it for every verb.
 */
export async function printStarted(s: Session, view: CreatedView, upid: string): Promise<void> {
  s.progress.stop();
  sayWaited(s, 'the start is not waited for, but the steps before it were (it needs them done)');
  const note = `${kindLabel(view.type)} ${view.vmid} (${view.name}) is being set up on ${view.node}`;
  await printUpid(s.ctx, s.progress, upid, note, () => printCreated(s, view, { upid }));
}

/** Under --no-wait, the steps that were waited for all the same, one line on stderr. */
function sayWaited(s: Session, why: string): void {
  if (s.ctx.globals.wait || s.waited.length === 0) return;
  s.ctx.info(`--no-wait: ${why}: ${s.waited.map((l) => l.charAt(0).toLowerCase() + l.slice(1)).join('; ')}`);
}

export const createdView = (s: Session, g: NewGuest, status: string, ips: string[]): CreatedView => ({
  ...g,
  status,
  ips,
  region: s.region.name,
});

/**
 * Starts the guest (unless --no-start), waits for it to run and for its IP (unless --no-wait), and
 * prints it. `staticIp` is what its configuration says (shown when it is not started).
 */
export async function finishGuest(
  s: Session,
  steps: CreateSteps,
  g: NewGuest,
  start: boolean,
  staticIp: string | undefined,
): Promise<void> {
  const known = staticIp ? [staticIp] : [];
  if (!start) {
    if (s.dryRun) return;
    s.progress.stop();
    sayWaited(s, 'the steps of the create were waited for (each needs the one before)');
    await printCreated(s, createdView(s, g, 'stopped', known));
    return;
  }
  steps.next('start');
  const upid = await startGuest(s.client, g);
  if (upid === null) return; // dry run
  if (!s.ctx.globals.wait) return printStarted(s, createdView(s, g, 'starting', known), upid);
  await runTask(s, `Starting ${g.vmid}`, upid);
  await waitRunning(s, g);
  steps.next('wait-ip');
  const ips = await waitForIp(s, g);
  await printCreated(s, createdView(s, g, 'running', ips));
}
