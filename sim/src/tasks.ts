// Task engine: UPIDs in the real format, `{n,t}` logs, `running|stopped` + exitstatus.
import type { Identity } from './model/types.js';
import type { TimerHandle, Timers } from './model/timers.js';
import type { Rng } from './model/random.js';
import { randInt } from './model/random.js';

export class TaskFailure extends Error {}

export interface TaskSpec {
  node: string;
  type: string; // qmstart, vzcreate, download, ...
  id: string; // vmid, volume or ''
  who: Identity;
  durationMs?: number; // default: the simulator's taskMs
  log?: string[]; // lines written when the task starts
  progress?: string[]; // lines written evenly while it runs
  run?: (t: Task) => number | void; // at the end; throw to fail; a number = warnings
  onAbort?: () => void; // task stopped by DELETE /tasks/{upid}, or failed
}

export interface Task {
  upid: string;
  node: string;
  pid: number;
  pstart: number;
  starttime: number;
  type: string;
  id: string;
  user: string;
  tokenid?: string;
  status: 'running' | 'stopped';
  exitstatus?: string;
  endtime?: number;
  lines: string[];
  spec: TaskSpec;
  timers: TimerHandle[];
}

const hex8 = (n: number) => n.toString(16).toUpperCase().padStart(8, '0');

export function formatUpid(t: Pick<Task, 'node' | 'pid' | 'pstart' | 'starttime' | 'type' | 'id'>, authid: string) {
  return `UPID:${t.node}:${hex8(t.pid)}:${hex8(t.pstart)}:${hex8(t.starttime)}:${t.type}:${t.id}:${authid}:`;
}

export class TaskEngine {
  readonly all: Task[] = [];
  readonly byUpid = new Map<string, Task>();

  constructor(
    private readonly timers: Timers,
    private readonly rng: Rng,
    private readonly taskMs: number,
    private readonly bootTime: (node: string) => number,
    private readonly now: () => number,
  ) {}

  start(spec: TaskSpec): Task {
    const now = this.now();
    const pid = randInt(this.rng, 0x1000, 0x3fffff);
    // process start in clock ticks (100 Hz) since the node booted
    const pstart = Math.floor((now - this.bootTime(spec.node)) / 10);
    const starttime = Math.floor(now / 1000);
    const base = { node: spec.node, pid, pstart, starttime, type: spec.type, id: spec.id };
    const task: Task = {
      ...base,
      upid: formatUpid(base, spec.who.authid),
      user: spec.who.user,
      status: 'running',
      lines: [...(spec.log ?? [])],
      spec,
      timers: [],
    };
    if (spec.who.tokenid) task.tokenid = spec.who.tokenid;
    this.all.push(task);
    this.byUpid.set(task.upid, task);
    const duration = spec.durationMs ?? this.taskMs;
    const steps = spec.progress ?? [];
    steps.forEach((line, i) => {
      const t = this.timers.after(((i + 1) * duration) / (steps.length + 1), () => task.lines.push(line));
      if (t) task.timers.push(t);
    });
    if (duration <= 0) this.finish(task);
    else {
      const t = this.timers.after(duration, () => this.finish(task));
      if (t) task.timers.push(t);
    }
    return task;
  }

  private finish(task: Task): void {
    if (task.status !== 'running') return;
    for (const t of task.timers) this.timers.cancel(t);
    let warnings = 0;
    try {
      warnings = task.spec.run?.(task) ?? 0;
    } catch (err) {
      const msg = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? 'error';
      task.spec.onAbort?.();
      this.end(task, msg, `TASK ERROR: ${msg}`);
      return;
    }
    if (warnings > 0) this.end(task, `WARNINGS: ${warnings}`, `TASK WARNINGS: ${warnings}`);
    else this.end(task, 'OK', 'TASK OK');
  }

  /** Ends a task that lasts as long as something else does (a console): OK, or failed with `error`. */
  settle(task: Task, error?: string): void {
    if (error !== undefined)
      task.spec.run = () => {
        throw new TaskFailure(error);
      };
    this.finish(task);
  }

  stop(task: Task): void {
    if (task.status !== 'running') return;
    for (const t of task.timers) this.timers.cancel(t);
    task.spec.onAbort?.();
    task.lines.push('received interrupt');
    this.end(task, 'interrupted by signal', 'TASK ERROR: interrupted by signal');
  }

  private end(task: Task, exitstatus: string, lastLine: string): void {
    task.status = 'stopped';
    task.exitstatus = exitstatus;
    task.endtime = Math.floor(this.now() / 1000);
    task.lines.push(lastLine);
  }

  // A task record as the task list / status endpoints show it.
  record(task: Task): Record<string, unknown> {
    const r: Record<string, unknown> = {
      upid: task.upid,
      node: task.node,
      pid: task.pid,
      pstart: task.pstart,
      starttime: task.starttime,
      type: task.type,
      id: task.id,
      user: task.user,
    };
    if (task.tokenid) r.tokenid = task.tokenid;
    return r;
  }
}
