import type { NounCommand } from '../../program.js';
import type { Runner } from '../runner.js';
import { addExamples } from '../examples.js';

export function register(node: NounCommand, runner: Runner): void {
  node
    .command('list')
    .alias('ls')
    .description('list nodes with CPU, memory, disk and uptime')
    .option('--status <status>', 'only nodes in this state: online or offline')
    .option('--sort <field>', 'sort by this field (e.g. node, maxmem, uptime); descending: --sort=-cpu')
    .action((o, cmd) => runner(cmd, () => import('./list.js'), { status: o.status, sort: o.sort }));
  node
    .command('show <node>')
    .description('show one node: status, versions, load, storages')
    .action((name, _o, cmd) => runner(cmd, () => import('./show.js'), { node: name }));
  addExamples(node, {
    list: ['pvectl node list', 'pvectl node list --status online --sort=-cpu', 'pvectl node list -o json'],
    show: ['pvectl node show pve1', 'pvectl node show pve1 -o yaml'],
  });
}
