import type { Command } from 'commander';
import { positiveInt, type Runner } from '../runner.js';

export function register(task: Command, runner: Runner): void {
  task
    .command('list')
    .alias('ls')
    .description('recent tasks of the cluster')
    .option('--node <node>', 'only this node')
    .option('--running', 'only running tasks')
    .option('--limit <n>', 'at most this many (default 50)', positiveInt('--limit', 10_000))
    .action((o: Record<string, unknown>, cmd: Command) =>
      runner(cmd, () => import('./list.js'), {
        node: o.node as string | undefined,
        running: o.running === true,
        limit: (o.limit as number | undefined) ?? 50,
      }),
    );
  task
    .command('show <upid>')
    .description('status of one task')
    .action((upid: string, _o: unknown, cmd: Command) => runner(cmd, () => import('./show.js'), { upid }));
  task
    .command('wait <upid...>')
    .description('wait for tasks to end; exit 1 when one failed')
    .action((upids: string[], _o: unknown, cmd: Command) => runner(cmd, () => import('./wait.js'), { upids }));
  task
    .command('log <upid>')
    .description('the log of a task')
    .option('-f, --follow', 'keep printing new lines until the task ends')
    .action((upid: string, o: { follow?: boolean }, cmd: Command) =>
      runner(cmd, () => import('./log.js'), { upid, follow: o.follow === true }),
    );
}
