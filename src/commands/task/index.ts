import type { NounCommand } from '../../program.js';
import { positiveInt, type Runner } from '../runner.js';
import { addExamples } from '../examples.js';
import { watched, watchOption } from '../watch-option.js';

export function register(task: NounCommand, runner: Runner): void {
  watchOption(task.command('list'))
    .alias('ls')
    .description('recent tasks of the cluster')
    .option('--node <node>', 'only this node')
    .option('--running', 'only running tasks')
    .option('--limit <n>', 'at most this many (default 50)', positiveInt('--limit', 10_000))
    .action((o, cmd) =>
      runner(cmd, () => watched(() => import('./list.js'), o.watch, 'task list'), {
        node: o.node,
        running: o.running === true,
        limit: o.limit ?? 50,
      }),
    );
  task
    .command('show <upid>')
    .description('status of one task')
    .action((upid, _o, cmd) => runner(cmd, () => import('./show.js'), { upid }));
  task
    .command('wait <upid...>')
    .description('wait for tasks to end; exit 1 when one failed')
    .action((upids, _o, cmd) => runner(cmd, () => import('./wait.js'), { upids }));
  task
    .command('log <upid>')
    .description('the log of a task')
    .option('-f, --follow', 'keep printing new lines until the task ends')
    .action((upid, o, cmd) => runner(cmd, () => import('./log.js'), { upid, follow: o.follow === true }));
  addExamples(task, {
    list: ['pvectl task list', 'pvectl task list --running', 'pvectl task list --node pve1 --limit 10 -o wide'],
    show: ["pvectl task show 'UPID:pve1:0000A1B2:0012C3D4:6750A1B2:qmstart:100:root@pam!pvectl:'"],
    wait: [
      '# start without waiting, then wait for the task',
      'pvectl vm start web-1 --no-wait -o id',
      "pvectl task wait 'UPID:pve1:0000A1B2:0012C3D4:6750A1B2:qmstart:100:root@pam!pvectl:' --timeout 5m",
    ],
    log: ["pvectl task log --follow 'UPID:pve1:0000A1B2:0012C3D4:6750A1B2:vzdump::root@pam:'"],
  });
}
