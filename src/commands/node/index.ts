import type { Command } from 'commander';
import type { Runner } from '../runner.js';
import type { NodeListOptions } from './list.js';

export function register(node: Command, runner: Runner): void {
  node
    .command('list')
    .alias('ls')
    .description('list nodes with CPU, memory, disk and uptime')
    .option('--status <status>', 'only nodes in this state: online or offline')
    .option('--sort <field>', 'sort by this field (e.g. node, maxmem, uptime); descending: --sort=-cpu')
    .action((o: Record<string, unknown>, cmd: Command) =>
      runner<NodeListOptions>(cmd, () => import('./list.js'), {
        status: o.status as string | undefined,
        sort: o.sort as string | undefined,
      }),
    );
  node
    .command('show <node>')
    .description('show one node: status, versions, load, storages')
    .action((name: string, _o: unknown, cmd: Command) => runner(cmd, () => import('./show.js'), { node: name }));
}
