// task show UPID: the task's status; a failed task also shows the last lines of its log.
import type { Context } from '../../context.js';
import { getTaskLog, getTaskStatus, listNodeTasks } from '../../api/tasks.js';
import { num } from '../../lib/values.js';
import { printObject } from '../../output/print.js';
import type { Column } from '../../output/types.js';
import { renderLines } from '../../output/lines.js';
import { TASK_COLUMNS, checkUpids, taskRow, type TaskRow } from './rows.js';

export interface TaskShowOptions {
  upid: string;
}

const TAIL = 10;

export async function run(ctx: Context, opts: TaskShowOptions): Promise<void> {
  const [upid] = checkUpids([opts.upid]);
  const client = await ctx.client(await ctx.region());
  const status: Record<string, unknown> = { ...(await getTaskStatus(client, upid!)) };
  // the status call has no endtime (ENDPOINTS §7); the node's task index has it
  if (status.status === 'stopped') status.endtime = await endtimeOf(ctx, status);
  const row = taskRow(status, ctx.clock.now());
  const log = row.ok === false ? await logTail(ctx, upid!) : [];
  const fields: Column<TaskRow>[] = TASK_COLUMNS.flatMap((c) =>
    c.id === 'started'
      ? [c, { id: 'ended', header: 'ENDED', value: (t: TaskRow) => t.endtime, kind: 'time' as const }]
      : [c],
  );
  await printObject(ctx, {
    value: row,
    fields,
    id: (t) => t.upid,
    json: (t) => (log.length ? { ...t, log } : t),
  });
  if (log.length && ['table', 'wide'].includes(ctx.globals.output) && !ctx.globals.columns) {
    ctx.io.stdout.write(`\nLog (last lines):\n${renderLines(log, '  ')}`);
  }
}

async function endtimeOf(ctx: Context, status: Record<string, unknown>): Promise<number | undefined> {
  const client = await ctx.client(await ctx.region());
  const node = String(status.node);
  const list = await listNodeTasks(client, node, {
    source: 'archive',
    typefilter: String(status.type),
    ...(status.id ? { vmid: Number(status.id) || undefined } : {}),
    limit: 100,
  }).catch(() => null);
  const hit = (list ?? []).find((t) => t.upid === status.upid);
  return num(hit?.endtime);
}

async function logTail(ctx: Context, upid: string): Promise<string[]> {
  const client = await ctx.client(await ctx.region());
  const { total } = await getTaskLog(client, upid, 0, 1);
  const { lines } = await getTaskLog(client, upid, Math.max(0, total - TAIL), TAIL);
  return lines.map((l) => l.t);
}
