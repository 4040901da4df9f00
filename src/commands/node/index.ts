import type { Command } from 'commander';
import type { Runner } from '../runner.js';

export function registerNode(program: Command, runner: Runner): void {
  const node = program.command('node').description('the hypervisors of a region and their load');
  node
    .command('list')
    .alias('ls')
    .description('list nodes with CPU, memory, disk and uptime')
    .action((_o: unknown, cmd: Command) => runner(cmd, () => import('./list.js'), {}));
  node
    .command('show <node>')
    .description('show one node: status, versions, load, storages')
    .action((name: string, _o: unknown, cmd: Command) => runner(cmd, () => import('./show.js'), { node: name }));
}
