// `vm ssh` / `ct ssh` (both kinds) and `vm exec` (VMs: the guest agent): into the guest.
import type { GuestKind } from '../../api/guests.js';
import type { NounCommand } from '../../program.js';
import type { Runner } from '../runner.js';

export function registerSsh(noun: NounCommand, kind: GuestKind, runner: Runner): void {
  noun
    .command('ssh <guest> [ssh-args...]')
    .description(
      `ssh into the ${kind === 'qemu' ? 'VM as its cloud-init user' : 'container as root'} at the address ` +
        `\`${kind === 'qemu' ? 'vm' : 'ct'} ip\` picks; arguments after -- go to ssh; exits with ssh's code`,
    )
    .option('--wait', 'wait (up to --timeout, default 5m) until the guest has an IP address')
    .option('--user <name>', 'log in as this user (default: ciuser, or the image default; root for containers)')
    .action((guest, args, o, c) =>
      runner(c, () => import('./ssh.js'), { kind, guest, args, user: o.user, wait: o.wait === true }),
    );
}

export function registerExec(vm: NounCommand, runner: Runner): void {
  vm.command('exec <guest> [command...]')
    .description(
      'run a command in the VM through the guest agent: pvectl vm exec web-1 -- uname -a ' +
        "(its stdout and stderr are written, its exit code is pvectl's, as with ssh and kubectl exec)",
    )
    .option('--input <file>', 'feed this file to its stdin ("-": pvectl\'s own stdin; at most 64 KiB)')
    .action((guest, command, o, c) => runner(c, () => import('../vm/exec.js'), { guest, command, input: o.input }));
}
