// What the one-guest task verbs (clone, migrate, snapshot create/delete/rollback) share: one
// deadline from --timeout (none by default: a migration or a full clone takes as long as it takes),
// a task waited on under a progress step, the --no-wait answer and a one-line result.
import type { PveClient } from '../../api/client.js';
import type { TaskStatus, WaitOptions } from '../../api/tasks.js';
import type { Context } from '../../context.js';
import { renderJson } from '../../output/json.js';
import type { Progress } from '../../output/progress.js';
import { waitTask } from './guest-wait.js';

export function deadlineOf(ctx: Context): number | undefined {
  return ctx.globals.timeoutMs === undefined ? undefined : ctx.clock.now() + ctx.globals.timeoutMs;
}

const structured = (ctx: Context) => ['json', 'yaml', 'id'].includes(ctx.globals.output);

/**
 * Waits for `upid` under the step `label`: "✓ label (3s)" on a terminal, one plain line otherwise.
 * Failure, --timeout and Ctrl-C arrive as TaskError (with the log tail), TimeoutError and
 * InterruptedError (naming the UPID and `pvectl task wait`), as everywhere else.
 */
export async function followTask(
  ctx: Context,
  client: PveClient,
  p: Progress,
  label: string,
  upid: string,
  deadline: number | undefined,
  done?: string,
  poll?: Pick<WaitOptions, 'minPollMs' | 'maxPollMs'>,
): Promise<TaskStatus> {
  p.step(label);
  // the log costs a request per poll: only worth it when a spinner can show percentages
  const onLog = ctx.io.stderrTTY && !ctx.globals.quiet ? (line: string) => p.log(line) : undefined;
  try {
    const status = await waitTask(ctx, client, upid, deadline, onLog, poll);
    p.done(done);
    return status;
  } catch (err) {
    p.fail('failed');
    throw err;
  }
}

/** --no-wait: the UPID alone on stdout; json, yaml and id print `value` (which carries the upid). */
export async function printUpid(
  ctx: Context,
  p: Progress,
  upid: string,
  note: string,
  value: () => Promise<void>,
): Promise<void> {
  p.stop();
  if (structured(ctx)) return value();
  ctx.io.stdout.write(`${upid}\n`);
  ctx.info(`${note}; follow it with: pvectl task wait ${upid}`);
}

/** A result that is not a listing: `line` for table/wide/tsv, the object for json/yaml, the VMID for id. */
export async function printResult(
  ctx: Context,
  p: Progress,
  value: { vmid: number } & Record<string, unknown>,
  line: string,
): Promise<void> {
  p.stop();
  const out = ctx.globals.output;
  if (out === 'json') ctx.io.stdout.write(renderJson(value));
  else if (out === 'yaml') ctx.io.stdout.write(await (await import('../../output/yaml.js')).renderYaml(value));
  else if (out === 'id') ctx.io.stdout.write(`${value.vmid}\n`);
  else ctx.io.stdout.write(`${line}\n`);
}
