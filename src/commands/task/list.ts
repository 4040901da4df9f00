// task list: /cluster/tasks (recent tasks of every node), or one node's task index with --node.
import type { Context } from '../../context.js';
import { listClusterTasks } from '../../api/cluster.js';
import { listNodeTasks } from '../../api/tasks.js';
import { printList } from '../../output/print.js';
import { TASK_COLUMNS, taskRow, type TaskRow } from './rows.js';

export interface TaskListOptions {
  node?: string;
  running: boolean;
  limit: number;
}

export async function run(ctx: Context, opts: TaskListOptions): Promise<void> {
  const client = await ctx.client(await ctx.region());
  const raw = opts.node
    ? await listNodeTasks(client, opts.node, {
        limit: opts.limit,
        // the node index shows only finished tasks unless asked (source defaults to "archive")
        source: opts.running ? 'active' : 'all',
      })
    : await listClusterTasks(client);
  const now = ctx.clock.now();
  let rows: TaskRow[] = raw.map((r) => taskRow(r, now));
  if (opts.running) rows = rows.filter((t) => t.status === 'RUNNING');
  rows.sort((a, b) => (b.starttime ?? 0) - (a.starttime ?? 0));
  await printList(ctx, {
    rows: rows.slice(0, opts.limit),
    columns: TASK_COLUMNS,
    id: (t) => t.upid,
    empty: opts.running ? 'No running tasks.' : 'No tasks found.',
  });
}
