// `set` and `template`, for a kind: what changes after creation, and turning a guest into a template.
import type { GuestKind } from '../../api/guests.js';
import type { NounCommand } from '../../program.js';
import { parseMemoryMiB } from '../../lib/sizes.js';
import { positiveInt, type Runner } from '../runner.js';
import { bridgeName, cpuType, description, guestName, startupOrder, tag } from './set-values.js';

export function registerSetTemplate(noun: NounCommand, kind: GuestKind, runner: Runner): void {
  const vm = kind === 'qemu';
  const base = noun
    .command('set <guest>')
    .description('change settings: name, description, tags, onboot, protection, cores, memory, network, startup')
    .option('--name <name>', vm ? 'new name' : 'new hostname', guestName)
    .option('--description <text>', 'the notes shown in the web UI', description)
    .option('--tag <tag>', 'add a tag (repeatable)', tag('--tag'))
    .option('--untag <tag>', 'remove a tag (repeatable)', tag('--untag'))
    .option('--onboot', 'start at boot of the node')
    .option('--no-onboot', 'do not start at boot of the node')
    .option('--protection', 'refuse deletion and disk removal')
    .option('--no-protection', 'allow deletion again')
    .option('--cores <n>', 'CPU cores', positiveInt('--cores', 8192))
    .option('--mem <size>', 'memory, e.g. 2G, 512M (plain number: MiB)', (v) => parseMemoryMiB(v))
    .option('--net-bridge <bridge>', 'bridge of net0', bridgeName)
    .option('--net-vlan <id>', 'VLAN tag of net0 (1-4094)', positiveInt('--net-vlan', 4094))
    .option('--startup <order>', 'start order: N or order=N[,up=S][,down=S]', startupOrder);
  const common = (guest: string, o: ReturnType<typeof base.opts>) => ({
    kind,
    guest,
    name: o.name,
    description: o.description,
    tags: o.tag ?? [],
    untags: o.untag ?? [],
    onboot: o.onboot,
    protection: o.protection,
    cores: o.cores,
    memMiB: o.mem,
    netBridge: o.netBridge,
    netVlan: o.netVlan,
    startup: o.startup,
  });
  if (vm) {
    base
      .option('--cpu-type <type>', 'CPU type (e.g. host, x86-64-v2-AES)', cpuType)
      .option('--agent', 'enable the QEMU guest agent')
      .option('--no-agent', 'disable the QEMU guest agent')
      .action((guest, o, c) =>
        runner(c, () => import('./set.js'), { ...common(guest, o), cpuType: o.cpuType, agent: o.agent }),
      );
  } else {
    base.action((guest, o, c) => runner(c, () => import('./set.js'), common(guest, o)));
  }

  noun
    .command('template <guest>')
    .description(`turn a stopped ${vm ? 'VM' : 'container'} into a template (asks; --yes when not on a terminal)`)
    .action((guest, _o, c) => runner(c, () => import('./template.js'), { kind, guest }));
}
