// `vm ssh` / `ct ssh` (both kinds) and `vm exec` (VMs: the guest agent): into the guest.
import type { Command } from 'commander';
import type { GuestKind } from '../../api/guests.js';
import type { Runner } from '../runner.js';
import type { SshOptions } from './ssh.js';

export function registerSsh(noun: Command, kind: GuestKind, runner: Runner): void {
  const cmd = noun
    .command('ssh <guest> [ssh-args...]')
    .description(
      `ssh into the ${kind === 'qemu' ? 'VM as its cloud-init user' : 'container as root'} at the address ` +
        `\`${kind === 'qemu' ? 'vm' : 'ct'} ip\` picks; arguments after -- go to ssh; exits with ssh's code`,
    )
    .option('--wait', 'wait (up to --timeout, default 5m) until the guest has an IP address');
  if (kind === 'qemu') cmd.option('--user <name>', 'log in as this user (default: ciuser, or the image default)');
  cmd.action((guest: string, args: string[], o: Record<string, unknown>, c: Command) =>
    runner<SshOptions>(c, () => import('./ssh.js'), {
      kind,
      guest,
      args,
      user: o.user as string | undefined,
      wait: o.wait === true,
    }),
  );
}

export function registerExec(vm: Command, runner: Runner): void {
  vm.command('exec <guest> [command...]')
    .description(
      'run a command in the VM through the guest agent: pvectl vm exec web-1 -- uname -a ' +
        "(its stdout and stderr are written, its exit code is pvectl's, as with ssh and kubectl exec)",
    )
    .option('--input <file>', 'feed this file to its stdin ("-": pvectl\'s own stdin; at most 64 KiB)')
    .action((guest: string, command: string[], o: Record<string, unknown>, c: Command) =>
      runner(c, () => import('../vm/exec.js'), { guest, command, input: o.input as string | undefined }),
    );
}
