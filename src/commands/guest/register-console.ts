// `vm console` / `ct console`: the guest's text console in this terminal (termproxy).
import { Option } from '@commander-js/extra-typings';
import type { GuestKind } from '../../api/guests.js';
import type { NounCommand } from '../../program.js';
import type { Runner } from '../runner.js';

export function registerConsole(noun: NounCommand, kind: GuestKind, runner: Runner): void {
  const cmd = noun
    .command('console <guest>')
    .description(
      `open the ${kind === 'qemu' ? "VM's serial console" : "container's console"} in this terminal ` +
        '(Proxmox termproxy; Ctrl-] leaves; piped stdin is typed in, and its end logs out)',
    );
  if (kind === 'qemu') {
    cmd
      .addOption(
        new Option('--serial <port>', 'serial port (default: the first that is a socket)').choices([
          'serial0',
          'serial1',
          'serial2',
          'serial3',
        ] as const),
      )
      .action((guest, o, c) => runner(c, () => import('./console.js'), { kind, guest, serial: o.serial }));
  } else cmd.action((guest, _o, c) => runner(c, () => import('./console.js'), { kind, guest }));
}
