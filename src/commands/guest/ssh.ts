// vm ssh / ct ssh: runs the system `ssh` as USER@IP, with the address `vm ip` would print first
// and the guest's cloud-init user (`root` for containers). Extra arguments pass through; the exit
// code is ssh's. No address yet: a clear error, or with --wait, poll until there is one.
import { spawn } from 'node:child_process';
import type { Context } from '../../context.js';
import { getConfig } from '../../api/guest-config.js';
import { kindLabel, type Guest, type GuestKind } from '../../api/guests.js';
import { guestIps } from '../../api/ips.js';
import type { PveClient } from '../../api/client.js';
import { InterruptedError, PassedExitCode, PvectlError, TimeoutError } from '../../errors.js';
import { defaultUser } from '../../os/catalog.js';
import { templateOs } from '../../os/names.js';
import { resolveGuest } from './targets.js';
import { sshCommandLine } from './ssh-args.js';

export interface SshOptions {
  kind: GuestKind;
  guest: string;
  args: string[];
  user?: string;
  wait: boolean;
}

const WAIT_DEFAULT_MS = 300_000;

export async function run(ctx: Context, opts: SshOptions): Promise<void> {
  const client = await ctx.client(await ctx.region());
  const g = await resolveGuest(client, opts.kind, opts.guest);
  const config = await getConfig(client, g);
  const ip = await firstIp(ctx, client, g, config, opts.wait);
  const user = opts.user ?? loginUser(g, config);
  const argv = sshCommandLine(`${user}@${ip}`, opts.args);
  ctx.info(`ssh ${argv.join(' ')}`);
  const code = await runSsh(ctx, argv);
  if (code !== 0) throw new PassedExitCode(code);
}

/** ciuser, else the default user of the OS the guest was made from (its os- tags), else root. */
export function loginUser(g: Guest, config: Record<string, unknown>): string {
  if (g.type === 'lxc') return 'root';
  if (typeof config.ciuser === 'string' && config.ciuser !== '') return config.ciuser;
  const os = templateOs(g.name, g.tags);
  return (os && defaultUser(os.family)) ?? 'root';
}

async function firstIp(
  ctx: Context,
  client: PveClient,
  g: Guest,
  config: Record<string, unknown>,
  wait: boolean,
): Promise<string> {
  const deadline = ctx.clock.now() + (ctx.globals.timeoutMs ?? WAIT_DEFAULT_MS);
  for (let pause = 250; ; pause = Math.min(pause * 2, 2000)) {
    const ips = await guestIps(client, g, config);
    if (ips[0]) return ips[0];
    const what = `${kindLabel(g.type)} ${g.vmid} ${g.name}`;
    if (!wait) {
      throw new PvectlError(`no IP address known for ${what}, so there is nothing to ssh to`, {
        hint:
          g.status !== 'running'
            ? `It is ${g.status}: start it first.`
            : `Wait for one with --wait, or see why with: pvectl ${noun(g)} ip ${g.vmid}`,
      });
    }
    const left = deadline - ctx.clock.now();
    if (left <= 0) {
      throw new TimeoutError(`no IP address for ${what} within the wait`, {
        hint: `Give it more time with --timeout, or see why with: pvectl ${noun(g)} ip ${g.vmid}`,
      });
    }
    try {
      await ctx.clock.sleep(Math.min(pause, left), ctx.signal);
    } catch {
      throw new InterruptedError(`interrupted while waiting for an IP address of ${what}`);
    }
  }
}

const noun = (g: Guest): string => (g.type === 'qemu' ? 'vm' : 'ct');

/** ssh with this terminal; Ctrl-C reaches ssh itself (same process group), pvectl waits for it. */
function runSsh(ctx: Context, argv: string[]): Promise<number> {
  const program = ctx.env.PVECTL_SSH || 'ssh';
  return new Promise((resolve, reject) => {
    const child = spawn(program, argv, { stdio: 'inherit', env: ctx.env as NodeJS.ProcessEnv });
    child.on('error', (err) =>
      reject(new PvectlError(`could not run ${program}: ${err.message}`, { hint: 'Install an OpenSSH client.' })),
    );
    child.on('exit', (code, signal) => resolve(code ?? 128 + signalNumber(signal)));
  });
}

function signalNumber(signal: NodeJS.Signals | null): number {
  return ({ SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 } as Record<string, number>)[signal ?? ''] ?? 1;
}
