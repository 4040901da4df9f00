import type { NounCommand } from '../../program.js';
import { addExamples } from '../examples.js';
import { oneOf, type Runner } from '../runner.js';
import { TIMEFRAMES } from '../guest/register-stats.js';
import { watched, watchOption } from '../watch-option.js';

export function register(node: NounCommand, runner: Runner): void {
  watchOption(node.command('list'))
    .alias('ls')
    .description('list nodes with CPU, memory, disk and uptime')
    .option('--status <status>', 'only nodes in this state: online or offline')
    .option('--sort <field>', 'sort by this field (e.g. node, maxmem, uptime); descending: --sort=-cpu')
    .action((o, cmd) =>
      runner(cmd, () => watched(() => import('./list.js'), o.watch, 'node list'), { status: o.status, sort: o.sort }),
    );
  node
    .command('show <node>')
    .description('show one node: status, versions, load, storages')
    .action((name, _o, cmd) => runner(cmd, () => import('./show.js'), { node: name }));
  node
    .command('stats <node>')
    .description('CPU, memory and network of a node over a period, as sparklines (raw points in json)')
    .option('--since <period>', 'hour (default), day, week, month or year', oneOf('--since', TIMEFRAMES))
    .action((name, o, cmd) => runner(cmd, () => import('./stats.js'), { node: name, since: o.since ?? 'hour' }));
  addExamples(node, {
    list: ['pvectl node list', 'pvectl node list --status online --sort=-cpu', 'pvectl node list -o json'],
    show: ['pvectl node show pve1', 'pvectl node show pve1 -o yaml'],
    stats: ['pvectl node stats pve1', 'pvectl node stats pve1 --since week -o json'],
  });
}
