// task log UPID [--follow]: the text of each log line; --follow polls new lines (from start=<count>)
// until the task stops, then exits with the task's result.
import type { Context } from '../../context.js';
import type { PveClient } from '../../api/client.js';
import { getTaskLog, getTaskStatus, interrupted } from '../../api/tasks.js';
import { isTaskSuccess } from '../../api/upid.js';
import { TaskError } from '../../errors.js';
import { checkUpids } from './rows.js';
import { renderYaml } from '../../output/yaml.js';
import { renderLines } from '../../output/lines.js';

export interface TaskLogOptions {
  upid: string;
  follow: boolean;
}

const PAGE = 1000;

export async function run(ctx: Context, opts: TaskLogOptions): Promise<void> {
  const [upid] = checkUpids([opts.upid]) as [string];
  const client = await ctx.client(await ctx.region());
  if (!opts.follow) {
    const lines = await readFrom(client, upid, 0);
    if (ctx.globals.output === 'json') ctx.io.stdout.write(`${JSON.stringify(lines, null, 2)}\n`);
    else if (ctx.globals.output === 'yaml') ctx.io.stdout.write(await renderYaml(lines));
    else ctx.io.stdout.write(renderLines(lines.map((l) => l.t)));
    return;
  }
  let seen = 0;
  let poll = 250;
  for (;;) {
    // status first: lines written before "stopped" was seen are all in the read that follows
    const status = await getTaskStatus(client, upid).catch((err) => {
      if (ctx.signal.aborted) throw followInterrupted(upid);
      throw err;
    });
    const lines = await readFrom(client, upid, seen);
    if (lines.length) ctx.io.stdout.write(renderLines(lines.map((l) => l.t)));
    seen += lines.length;
    if (status.status === 'stopped') {
      if (isTaskSuccess(status.exitstatus)) return;
      // the log just printed already ends with the error; main adds no tail
      throw new TaskError(
        `task ${status.type} ${status.id ?? ''} failed: ${status.exitstatus ?? 'unknown status'}`.replace('  ', ' '),
        upid,
        status.exitstatus ?? '',
      );
    }
    try {
      await ctx.clock.sleep(poll, ctx.signal);
    } catch {
      throw followInterrupted(upid);
    }
    poll = Math.min(poll * 2, 1000);
  }
}

/** All lines from `start` on, page by page (`start` is 0-based, `n` 1-based: QUIRKS D4). */
async function readFrom(client: PveClient, upid: string, start: number): Promise<{ n: number; t: string }[]> {
  const out: { n: number; t: string }[] = [];
  for (;;) {
    const { lines, total } = await getTaskLog(client, upid, start + out.length, PAGE);
    out.push(...lines);
    if (lines.length === 0 || start + out.length >= total) return out;
  }
}

function followInterrupted(upid: string) {
  const err = interrupted(upid);
  err.hint = `Resume with: pvectl task log --follow ${upid}  (or: pvectl task wait ${upid})`;
  return err;
}
