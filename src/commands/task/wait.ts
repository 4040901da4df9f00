// task wait UPID…: waits for every task (one --timeout for all), one line per task as it ends.
// Exit 1 when one failed, 6 on timeout, 130 on Ctrl-C; the tasks keep running on the cluster.
import type { Context } from '../../context.js';
import { waitForTask } from '../../api/tasks.js';
import { TaskWatcher } from '../../api/task-watcher.js';
import { parseUpid } from '../../api/upid.js';
import { InterruptedError, PvectlError, TaskError, TimeoutError } from '../../errors.js';
import { runPool } from '../../lib/pool.js';
import { progress } from '../../output/progress.js';
import { checkUpids, taskRow } from './rows.js';
import { taskNotFound } from './not-found.js';
import { renderYaml } from '../../output/yaml.js';

export interface TaskWaitOptions {
  upids: string[];
}

export async function run(ctx: Context, opts: TaskWaitOptions): Promise<void> {
  const upids = [...new Set(checkUpids(opts.upids))];
  const client = await ctx.client(await ctx.region());
  const deadline = ctx.globals.timeoutMs === undefined ? undefined : ctx.clock.now() + ctx.globals.timeoutMs;
  const structured = ['json', 'yaml', 'id'].includes(ctx.globals.output);
  const p = progress(ctx);
  const only = upids.length === 1 ? parseUpid(upids[0]!) : null;
  p.step(only ? `Waiting for task ${only.type} ${only.id}`.trim() : `Waiting for ${upids.length} tasks`);
  let ended = 0;
  const watcher = new TaskWatcher(client, { clock: ctx.clock, signal: ctx.signal });

  const settled = await runPool(
    upids,
    32,
    async (upid) => {
      const say = (text: string) => {
        if (!structured) p.out(`${upid} ${text}\n`);
        p.update(`${++ended}/${upids.length}`);
      };
      try {
        const timeoutMs = deadline === undefined ? undefined : Math.max(0, deadline - ctx.clock.now());
        // one task: follow its log for the progress line; several: one request per node per tick
        const status = only
          ? await waitForTask(client, upid, { clock: ctx.clock, signal: ctx.signal, timeoutMs, onLog: (l) => p.log(l) })
          : await watcher.wait(upid, timeoutMs);
        const row = taskRow({ ...status }, ctx.clock.now());
        say(row.status);
        return row;
      } catch (caught) {
        const err = taskNotFound(caught, upid, client.region);
        if (!(err instanceof InterruptedError)) say(describe(err));
        throw err;
      }
    },
    ctx.signal,
  );

  const rows = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  p.stop();
  if (ctx.globals.output === 'json') ctx.io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  else if (ctx.globals.output === 'yaml') ctx.io.stdout.write(await renderYaml(rows));
  else if (ctx.globals.output === 'id') for (const r of rows) ctx.io.stdout.write(`${r.upid}\n`);

  const failed = settled.flatMap((s, i) =>
    s.status === 'rejected' ? [{ upid: upids[i]!, err: s.reason as unknown }] : [],
  );
  if (failed.length === 0) return;
  if (ctx.signal.aborted) {
    const still = failed.map((f) => f.upid).join(' ');
    throw new InterruptedError(`interrupted; still running on the cluster: ${still}`, {
      hint: `Resume waiting with: pvectl task wait ${still}`,
    });
  }
  if (upids.length === 1) throw failed[0]!.err;
  const timedOut = failed.filter((f) => f.err instanceof TimeoutError).map((f) => f.upid);
  if (timedOut.length) {
    throw new TimeoutError(
      `timed out; ${timedOut.length} of ${upids.length} tasks still running: ${timedOut.join(' ')}`,
      {
        hint: `Wait again with: pvectl task wait ${timedOut.join(' ')}`,
      },
    );
  }
  throw new PvectlError(`${failed.length} of ${upids.length} tasks failed (see above)`, {
    hint: `Logs: ${failed.map((f) => `pvectl task log ${f.upid}`).join('; ')}`,
  });
}

function describe(err: unknown): string {
  if (err instanceof TaskError) return `FAILED: ${err.exitstatus || err.message}`;
  if (err instanceof TimeoutError) return 'RUNNING (timed out waiting)';
  return `FAILED: ${err instanceof Error ? err.message : String(err)}`;
}
