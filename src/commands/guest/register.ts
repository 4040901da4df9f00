// Verbs that vm and ct share (list, show, power, delete, resize, ip; clone, migrate and snapshot in
// register-clone-migrate-snapshot.ts): declared once, for a kind.
import type { Command } from 'commander';
import type { GuestKind } from '../../api/guests.js';
import { parseDiskResize, parseMemoryMiB } from '../../lib/sizes.js';
import { collect, positiveInt, type Runner } from '../runner.js';
import type { ListOptions } from './list.js';
import type { PowerAction, PowerOptions } from './power.js';
import type { SelectorOptions } from './targets.js';
import { registerCloneMigrateSnapshot } from './register-clone-migrate-snapshot.js';

const POWER: Array<[PowerAction, string]> = [
  ['start', 'start guests'],
  ['stop', 'stop guests at once (power off)'],
  ['shutdown', 'shut guests down cleanly (ACPI or guest agent)'],
  ['reboot', 'reboot guests (applies pending changes)'],
  ['suspend', 'pause guests (RAM kept)'],
  ['resume', 'resume paused guests'],
];

function selectorOptions(cmd: Command): Command {
  return cmd
    .option('--all', 'every guest of this kind')
    .option('--tag <tag>', 'guests with this tag (repeatable: all must match)', collect)
    .option('--pool <pool>', 'guests in this pool')
    .option('--node <node>', 'guests on this node')
    .option('--status <status>', 'guests in this state (running, stopped, paused …)');
}

function selectors(args: string[], o: Record<string, unknown>): SelectorOptions {
  return {
    refs: args,
    all: o.all === true,
    tags: (o.tag as string[] | undefined) ?? [],
    pool: o.pool as string | undefined,
    node: o.node as string | undefined,
    status: o.status as string | undefined,
  };
}

export function registerGuestVerbs(noun: Command, kind: GuestKind, runner: Runner): void {
  const what = kind === 'qemu' ? 'VMs' : 'containers';

  noun
    .command('list')
    .alias('ls')
    .description(`list ${what} of the region (one API call for the whole cluster)`)
    .option('--node <node>', 'only this node')
    .option('--status <status>', 'only this state')
    .option('--tag <tag>', 'only guests with this tag (repeatable: all must match)', collect)
    .option('--pool <pool>', 'only this pool')
    .option('--name <glob>', 'only names matching this glob (e.g. "web-*")')
    .option('--sort <field>', 'sort by this field (e.g. name, maxmem); descending: --sort=-cpu')
    .action((o: Record<string, unknown>, cmd: Command) =>
      runner<ListOptions>(cmd, () => import('./list.js'), {
        kind,
        node: o.node as string | undefined,
        status: o.status as string | undefined,
        tags: (o.tag as string[] | undefined) ?? [],
        pool: o.pool as string | undefined,
        name: o.name as string | undefined,
        sort: o.sort as string | undefined,
      }),
    );

  noun
    .command('show <guest>')
    .description(`show one ${kind === 'qemu' ? 'VM' : 'container'}: status, configuration, IP addresses`)
    .action((guest: string, _o: unknown, cmd: Command) => runner(cmd, () => import('./show.js'), { kind, guest }));

  for (const [action, description] of POWER) {
    const cmd = noun
      .command(`${action} [guests...]`)
      .description(`${description}: VMIDs, names, "-" for stdin, or selectors`)
      .option('--parallel <n>', 'how many at once (default 8)', positiveInt('--parallel', 256));
    if (action === 'shutdown') cmd.option('--force-stop', 'stop guests that do not shut down within --timeout');
    selectorOptions(cmd).action((guests: string[], o: Record<string, unknown>, c: Command) =>
      runner<PowerOptions>(c, () => import('./power.js'), {
        kind,
        action,
        parallel: (o.parallel as number | undefined) ?? 8,
        forceStop: o.forceStop === true,
        ...selectors(guests, o),
      }),
    );
  }

  selectorOptions(
    noun
      .command('delete [guests...]')
      .alias('rm')
      .description(`delete ${what} (asks first; --yes when not on a terminal)`)
      .option('--purge', 'also remove from backup jobs, replication, HA and pools')
      .option('--force', 'stop running guests first')
      .option('--parallel <n>', 'how many at once (default 4)', positiveInt('--parallel', 64)),
  ).action((guests: string[], o: Record<string, unknown>, c: Command) =>
    runner(c, () => import('./delete.js'), {
      kind,
      purge: o.purge === true,
      force: o.force === true,
      parallel: (o.parallel as number | undefined) ?? 4,
      ...selectors(guests, o),
    }),
  );

  noun
    .command('resize <guest>')
    .description('change memory, cores or disk size (grow only)')
    .option('--mem <size>', 'memory, e.g. 2G, 512M (plain number: MiB)', (v) => parseMemoryMiB(v))
    .option('--cores <n>', 'CPU cores', positiveInt('--cores', 8192))
    .option('--disk <size>', 'disk size: +10G grows by, 40G grows to (plain number: GiB)', (v) => parseDiskResize(v))
    .option(
      '--disk-name <name>',
      kind === 'qemu' ? 'which disk (default: the boot disk)' : 'which volume (default: rootfs)',
    )
    .action((guest: string, o: Record<string, unknown>, c: Command) =>
      runner(c, () => import('./resize.js'), {
        kind,
        guest,
        memMiB: o.mem as number | undefined,
        cores: o.cores as number | undefined,
        disk: o.disk as ReturnType<typeof parseDiskResize> | undefined,
        diskName: o.diskName as string | undefined,
      }),
    );

  noun
    .command('ip <guest>')
    .description(
      kind === 'qemu'
        ? 'IP addresses from the guest agent (static config as fallback)'
        : 'IP addresses of the container',
    )
    .action((guest: string, _o: unknown, c: Command) => runner(c, () => import('./ip.js'), { kind, guest }));

  registerCloneMigrateSnapshot(noun, kind, runner);
}
