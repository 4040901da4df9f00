// Waiting on a Proxmox task: poll its status on the node named in the UPID, report progress
// from the log, and turn failure, timeout and Ctrl-C into typed errors.
import type { Clock } from '../context.js';
import { InterruptedError, PvectlError, TaskError, TimeoutError } from '../errors.js';
import type { PveClient } from './client.js';
import { apiPath, type Params } from './path.js';
import { expectArray, expectFields, expectObject, type Obj } from './shape.js';
import { isTaskSuccess, parseUpid } from './upid.js';

export interface TaskStatus {
  upid: string;
  node: string;
  status: 'running' | 'stopped';
  exitstatus?: string;
  type: string;
  id?: string;
  user: string;
  starttime: number;
  endtime?: number;
}

export interface LogLine {
  n: number;
  t: string;
}

export interface WaitOptions {
  clock: Clock;
  signal?: AbortSignal;
  /** give up after this long (TimeoutError, exit 6); the task keeps running */
  timeoutMs?: number;
  /** called with each new log line while waiting (download percentages, steps) */
  onLog?: (line: string) => void;
  /** poll interval bounds in ms */
  minPollMs?: number;
  maxPollMs?: number;
}

/** GET /nodes/{node}/tasks/{upid}/status: `status` running|stopped, `exitstatus` once stopped. */
export async function getTaskStatus(client: PveClient, upid: string): Promise<TaskStatus> {
  const path = apiPath`/nodes/${nodeOf(upid)}/tasks/${upid}/status`;
  const data = expectObject(`GET ${path}`, await client.get<unknown>(path));
  expectFields(`GET ${path}`, data, { status: 'string' });
  return data as unknown as TaskStatus;
}

/** GET /nodes/{node}/tasks: the node's task index (`source` archive|active|all, filters). */
export async function listNodeTasks(client: PveClient, node: string, params: Params): Promise<Obj[]> {
  const path = apiPath`/nodes/${node}/tasks`;
  return expectArray(`GET ${path}`, await client.get<unknown>(path, params));
}

export async function getTaskLog(
  client: PveClient,
  upid: string,
  start = 0,
  limit = 500,
): Promise<{ lines: LogLine[]; total: number }> {
  const path = apiPath`/nodes/${nodeOf(upid)}/tasks/${upid}/log`;
  const res = await client.call<unknown>('GET', path, { start, limit });
  const lines = expectArray(`GET ${path}`, res.data) as unknown as LogLine[];
  return { lines, total: res.total ?? lines.length };
}

/** Waits until the task stops; resolves with its final status when it succeeded. */
export async function waitForTask(client: PveClient, upid: string, opts: WaitOptions): Promise<TaskStatus> {
  const deadline = opts.timeoutMs === undefined ? Infinity : opts.clock.now() + opts.timeoutMs;
  let poll = opts.minPollMs ?? 100;
  let logSeen = 0;
  for (;;) {
    if (opts.signal?.aborted) throw interrupted(upid);
    let status: TaskStatus;
    try {
      status = await getTaskStatus(client, upid);
    } catch (err) {
      if (opts.signal?.aborted) throw interrupted(upid);
      throw err;
    }
    if (opts.onLog) logSeen = await followLog(client, upid, logSeen, opts.onLog);
    if (status.status === 'stopped') {
      if (isTaskSuccess(status.exitstatus)) return status;
      const { lines } = await getTaskLog(client, upid, 0, 10_000).catch(() => ({ lines: [] as LogLine[] }));
      const tail = lines.slice(-5).map((l) => l.t);
      throw new TaskError(
        `task ${status.type} ${status.id ?? ''} failed: ${status.exitstatus ?? 'unknown status'}`.replace('  ', ' '),
        upid,
        status.exitstatus ?? '',
        tail,
        {
          hint: `Full log: pvectl task log ${upid}`,
        },
      );
    }
    if (opts.clock.now() >= deadline) {
      throw new TimeoutError(`timed out waiting for task ${upid}; it is still running`, {
        hint: `Wait again with: pvectl task wait ${upid}`,
      });
    }
    try {
      await opts.clock.sleep(Math.min(poll, Math.max(0, deadline - opts.clock.now())), opts.signal);
    } catch {
      throw interrupted(upid);
    }
    poll = Math.min(Math.round(poll * 1.5), opts.maxPollMs ?? 1000);
  }
}

async function followLog(
  client: PveClient,
  upid: string,
  seen: number,
  onLog: (line: string) => void,
): Promise<number> {
  const { lines } = await getTaskLog(client, upid, seen, 500).catch(() => ({ lines: [] as LogLine[] }));
  for (const line of lines) onLog(line.t);
  return seen + lines.length;
}

export function interrupted(upid: string): InterruptedError {
  return new InterruptedError(`interrupted; task ${upid} keeps running on the cluster`, {
    hint: `Resume waiting with: pvectl task wait ${upid}`,
  });
}

/**
 * The node a task runs on. Task verbs check the UPIDs users type first (exit 2); one that fails
 * here came from the cluster, after a write perhaps: a failure of the answer (exit 1), never a
 * path built from it (a node "pve1/.." would leave /api2/json).
 */
export function nodeOf(upid: string): string {
  const parsed = parseUpid(upid);
  if (!parsed) {
    throw new PvectlError(
      `the cluster answered "${upid}" where a task id (UPID:node:pid:pstart:starttime:type:id:user:) belongs`,
      { hint: 'Check the task on the cluster itself (Datacenter → Tasks); pvectl does not follow it.' },
    );
  }
  return parsed.node;
}

/** Stops a running task (`DELETE /nodes/{node}/tasks/{upid}`); it then ends with an error status. */
export async function stopTask(client: PveClient, upid: string): Promise<void> {
  await client.delete<unknown>(apiPath`/nodes/${nodeOf(upid)}/tasks/${upid}`);
}

/** UPIDs of the `type` tasks running for `vmid` on `node` (`source=active`): one whose answer was lost. */
export async function activeTasks(client: PveClient, node: string, vmid: number, type: string): Promise<string[]> {
  const tasks = await client.get<{ upid?: unknown }[] | null>(apiPath`/nodes/${node}/tasks`, {
    vmid,
    typefilter: type,
    source: 'active',
  });
  return (tasks ?? []).map((t) => String(t.upid));
}
