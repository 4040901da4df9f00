// vm exec G -- CMD ARGS…: runs a command in the VM through the guest agent (agent/exec, then
// agent/exec-status until it has exited), writes its stdout and stderr, and exits with its exit
// code, as `ssh` and `kubectl exec` do. --input FILE|- feeds its stdin (at most 64 KiB, the API's
// limit for input-data).
import { readFile } from 'node:fs/promises';
import type { Context } from '../../context.js';
import { agentExec, agentExecStatus, type ExecStatus } from '../../api/agent.js';
import type { Guest } from '../../api/guests.js';
import type { PveClient } from '../../api/client.js';
import { ApiError, InterruptedError, PassedExitCode, PvectlError, TimeoutError, UsageError } from '../../errors.js';
import { resolveGuest } from '../guest/targets.js';

export interface ExecOptions {
  guest: string;
  command: string[];
  input?: string;
}

const MAX_INPUT = 64 * 1024;
const WAIT_DEFAULT_MS = 600_000;

export async function run(ctx: Context, opts: ExecOptions): Promise<void> {
  if (opts.command.length === 0)
    throw new UsageError('give the command after "--", e.g. pvectl vm exec web-1 -- uptime');
  const input = opts.input === undefined ? undefined : await readInput(ctx, opts.input);
  const client = await ctx.client(await ctx.region());
  const g = await resolveGuest(client, 'qemu', opts.guest);
  const started = await agentCall(g, () => agentExec(client, g, opts.command, input));
  if (started === null) return; // --dry-run
  const pid = Number(started.pid);
  const status = await waitExited(ctx, client, g, pid);
  if (status['out-data']) ctx.io.stdout.write(status['out-data']);
  if (status['err-data']) ctx.io.stderr.write(status['err-data']);
  if (status['out-truncated'] || status['err-truncated']) ctx.warn('the guest agent cut the output short');
  const code = status.exitcode ?? (status.signal !== undefined ? 128 + status.signal : 1);
  if (code !== 0) throw new PassedExitCode(code);
}

async function readInput(ctx: Context, from: string): Promise<string> {
  let text: string;
  try {
    text = from === '-' ? await ctx.readStdin() : await readFile(from, 'utf8');
  } catch (err) {
    throw new UsageError(`--input ${from}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (text.length > MAX_INPUT) {
    throw new UsageError(`--input ${from}: ${text.length} bytes, more than the guest agent takes (64 KiB)`);
  }
  return text;
}

async function waitExited(ctx: Context, client: PveClient, g: Guest, pid: number): Promise<ExecStatus> {
  const deadline = ctx.clock.now() + (ctx.globals.timeoutMs ?? WAIT_DEFAULT_MS);
  for (let pause = 50; ; pause = Math.min(pause * 2, 1000)) {
    const s = await agentCall(g, () => agentExecStatus(client, g, pid));
    if (s.exited === true || s.exited === 1) return s;
    const left = deadline - ctx.clock.now();
    if (left <= 0) {
      throw new TimeoutError(`the command (pid ${pid} in VM ${g.vmid}) had not exited when the wait ended`, {
        hint: 'It keeps running in the guest. Give more time with --timeout.',
      });
    }
    try {
      await ctx.clock.sleep(Math.min(pause, left), ctx.signal);
    } catch {
      throw new InterruptedError(`interrupted; the command (pid ${pid}) keeps running in VM ${g.vmid}`);
    }
  }
}

/** The agent's own failures (not configured, not running) say what to do about them. */
async function agentCall<T>(g: Guest, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 500) throw err;
    const why = err.message.replace(/^.*?: /, '');
    if (/No QEMU guest agent configured/i.test(err.message)) {
      throw new PvectlError(`cannot run commands in VM ${g.vmid} ${g.name}: its guest agent is not enabled`, {
        hint:
          `Enable it (pvectl api put /nodes/${g.node}/qemu/${g.vmid}/config -d agent=1), restart the VM, ` +
          'and make sure qemu-guest-agent is installed in it.',
      });
    }
    if (/guest agent is not running/i.test(err.message)) {
      throw new PvectlError(`cannot run commands in VM ${g.vmid} ${g.name}: its guest agent is not running`, {
        hint:
          'Is the VM booted, with qemu-guest-agent installed and started? VMs made by `pvectl vm create` ' +
          'get it from their cloud-init seed; otherwise try pvectl vm ssh.',
      });
    }
    throw new PvectlError(`cannot run the command in VM ${g.vmid} ${g.name}: ${why}`, { cause: err });
  }
}
