// Verbs that vm and ct share (list, show, power, delete, resize, ip; clone, migrate and snapshot in
// register-clone-migrate-snapshot.ts): declared once, for a kind.
import type { Command, OptionValues } from '@commander-js/extra-typings';
import type { GuestKind } from '../../api/guests.js';
import type { NounCommand } from '../../program.js';
import { parseDiskResize, parseMemoryMiB } from '../../lib/sizes.js';
import { collect, positiveInt, type Runner } from '../runner.js';
import type { PowerAction } from './power.js';
import type { SelectorOptions } from './targets.js';
import { registerCloneMigrateSnapshot } from './register-clone-migrate-snapshot.js';
import { registerSetTemplate } from './register-set-template.js';
import { registerBackup } from './register-backup.js';
import { registerStats } from './register-stats.js';
import { watched, watchOption } from '../watch-option.js';

const POWER: Array<[PowerAction, string]> = [
  ['start', 'start guests'],
  ['stop', 'stop guests at once (power off)'],
  ['shutdown', 'shut guests down cleanly (ACPI or guest agent)'],
  ['reboot', 'reboot guests (applies pending changes)'],
  ['suspend', 'pause guests (RAM kept)'],
  ['resume', 'resume paused guests'],
];

function selectorOptions<A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Command<A, O, G>) {
  return cmd
    .option('--all', 'every guest of this kind')
    .option('--tag <tag>', 'guests with this tag (repeatable: all must match)', collect)
    .option('--pool <pool>', 'guests in this pool')
    .option('--node <node>', 'guests on this node')
    .option('--status <status>', 'guests in this state (running, stopped, paused …)');
}

/** What selectorOptions() declares, as commander parses it. */
interface SelectorFlags {
  all?: true;
  tag?: string[];
  pool?: string;
  node?: string;
  status?: string;
}

function selectors(args: string[], o: SelectorFlags): SelectorOptions {
  return { refs: args, all: o.all === true, tags: o.tag ?? [], pool: o.pool, node: o.node, status: o.status };
}

export function registerGuestVerbs(noun: NounCommand, kind: GuestKind, runner: Runner): void {
  const what = kind === 'qemu' ? 'VMs' : 'containers';

  watchOption(noun.command('list'))
    .alias('ls')
    .description(`list ${what} of the region (one API call for the whole cluster)`)
    .option('--node <node>', 'only this node')
    .option('--status <status>', 'only this state')
    .option('--tag <tag>', 'only guests with this tag (repeatable: all must match)', collect)
    .option('--pool <pool>', 'only this pool')
    .option('--name <glob>', 'only names matching this glob (e.g. "web-*")')
    .option('--sort <field>', 'sort by this field (e.g. name, maxmem); descending: --sort=-cpu')
    .action((o, cmd) =>
      runner(cmd, () => watched(() => import('./list.js'), o.watch, `${kind === 'qemu' ? 'vm' : 'ct'} list`), {
        kind,
        node: o.node,
        status: o.status,
        tags: o.tag ?? [],
        pool: o.pool,
        name: o.name,
        sort: o.sort,
      }),
    );

  noun
    .command('show <guest>')
    .description(`show one ${kind === 'qemu' ? 'VM' : 'container'}: status, configuration, IP addresses`)
    .action((guest, _o, cmd) => runner(cmd, () => import('./show.js'), { kind, guest }));

  for (const [action, description] of POWER) {
    const cmd = noun
      .command(`${action} [guests...]`)
      .description(`${description}: VMIDs, names, "-" for stdin, or selectors`)
      .option('--parallel <n>', 'how many at once (default 8)', positiveInt('--parallel', 256));
    const power = (guests: string[], o: SelectorFlags & { parallel?: number }, forceStop: boolean) => ({
      kind,
      action,
      parallel: o.parallel ?? 8,
      forceStop,
      ...selectors(guests, o),
    });
    // --force-stop exists for shutdown only: on the other verbs it is an unknown option (exit 2)
    if (action === 'shutdown') {
      selectorOptions(cmd.option('--force-stop', 'stop guests that do not shut down within --timeout')).action(
        (guests, o, c) => runner(c, () => import('./power.js'), power(guests, o, o.forceStop === true)),
      );
    } else {
      selectorOptions(cmd).action((guests, o, c) => runner(c, () => import('./power.js'), power(guests, o, false)));
    }
  }

  selectorOptions(
    noun
      .command('delete [guests...]')
      .alias('rm')
      .description(`delete ${what} (asks first; --yes when not on a terminal)`)
      .option('--purge', 'also remove from backup jobs, replication, HA and pools')
      .option('--force', 'stop running guests first')
      .option('--parallel <n>', 'how many at once (default 4)', positiveInt('--parallel', 64)),
  ).action((guests, o, c) =>
    runner(c, () => import('./delete.js'), {
      kind,
      purge: o.purge === true,
      force: o.force === true,
      parallel: o.parallel ?? 4,
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
    .action((guest, o, c) =>
      runner(c, () => import('./resize.js'), {
        kind,
        guest,
        memMiB: o.mem,
        cores: o.cores,
        disk: o.disk,
        diskName: o.diskName,
      }),
    );

  noun
    .command('ip <guest>')
    .description(
      kind === 'qemu'
        ? 'IP addresses from the guest agent (static config as fallback)'
        : 'IP addresses of the container',
    )
    .action((guest, _o, c) => runner(c, () => import('./ip.js'), { kind, guest }));

  registerCloneMigrateSnapshot(noun, kind, runner);
  registerSetTemplate(noun, kind, runner);
  registerBackup(noun, kind, runner);
  registerStats(noun, kind, runner);
}
