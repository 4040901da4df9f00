// Waits on many tasks at once. Tasks on several nodes: one GET /cluster/tasks per tick for all of
// them (every node's running tasks and its latest ended ones: pve-common RESTEnvironment.pm
// `active_workers`, broadcast at each task's start and end, read by pve-manager API2/Cluster.pm
// `tasks`); a task it does not show (it keeps at most 25 per node, and a token without Sys.Audit
// sees none) is looked up in its node's list. Tasks on one node: that node's task list
// (`source=all` since our oldest task started) says which of our tasks still run and how the ended
// ones ended, so a bulk action of 100 guests polls neither 100 status URLs nor each task's final
// status (pve-manager PVE/API2/Tasks.pm, node_tasks: `all` is the active file's unsaved tasks plus
// the index, `since` compares the UPID's starttime). Only a failed task is read once more (its log,
// through waitForTask). If a node's list cannot be read, its tasks are polled one by one.
import type { Clock } from '../context.js';
import { TimeoutError } from '../errors.js';
import type { PveClient } from './client.js';
import { listClusterTasks } from './cluster.js';
import { getTaskStatus, interrupted, listNodeTasks, nodeOf, waitForTask, type TaskStatus } from './tasks.js';
import { isTaskSuccess, parseUpid } from './upid.js';

interface Waiter {
  upid: string;
  node: string;
  deadline: number;
  resolve(status: TaskStatus): void;
  reject(err: unknown): void;
}

// Quick ticks while tasks are young (most power tasks end within seconds), then slower. A round
// asks every node with waiters, so it comes that much less often: about one list request per
// FIRST_TICK_MS in all, however many nodes (a bulk run's requests stay near one per guest).
const FIRST_TICK_MS = 300;
// one cluster-wide read stands for every node: polled more often than each node was (900 ms with
// three), and still fewer requests (issue 13: ≤ 1.5 a guest for a bulk start at --parallel 8)
const CLUSTER_TICK_MS = 450;
// it keeps 25 tasks per node, running ones first: with more of ours running on a node, the ends
// would drop out of it before we see them, so the node lists are read instead
const CLUSTER_MAX_PER_NODE = 12;
const QUICK_FOR_MS = 5000;
const MAX_TICK_MS = 1000;

export class TaskWatcher {
  private readonly waiters = new Map<string, Waiter>();
  private loop: Promise<void> | null = null;
  private tick = FIRST_TICK_MS;
  private lastAdded = 0;
  /** rounds in a row in which /cluster/tasks showed none of our tasks (a token without Sys.Audit) */
  private clusterMisses = 0;

  constructor(
    private readonly client: PveClient,
    private readonly opts: { clock: Clock; signal?: AbortSignal },
  ) {}

  /** Resolves with the final status when the task succeeded; TaskError, TimeoutError or InterruptedError otherwise. */
  wait(upid: string, timeoutMs?: number): Promise<TaskStatus> {
    const node = nodeOf(upid);
    if (this.opts.signal?.aborted) return Promise.reject(interrupted(upid));
    return new Promise<TaskStatus>((resolve, reject) => {
      const deadline = timeoutMs === undefined ? Infinity : this.opts.clock.now() + timeoutMs;
      this.waiters.set(upid, { upid, node, deadline, resolve, reject });
      this.tick = FIRST_TICK_MS;
      this.lastAdded = this.opts.clock.now();
      this.loop ??= this.run().finally(() => (this.loop = null));
    });
  }

  private async run(): Promise<void> {
    while (this.waiters.size > 0) {
      const soonest = Math.min(...[...this.waiters.values()].map((w) => w.deadline));
      try {
        await this.opts.clock.sleep(
          Math.max(0, Math.min(this.interval(), soonest - this.opts.clock.now())),
          this.opts.signal,
        );
      } catch {
        // Ctrl-C below
      }
      if (this.opts.clock.now() - this.lastAdded >= QUICK_FOR_MS)
        this.tick = Math.min(Math.round(this.tick * 1.25), MAX_TICK_MS);
      if (!this.opts.signal?.aborted) {
        const nodes = new Set([...this.waiters.values()].map((w) => w.node));
        const unseen = this.useCluster() ? await this.checkCluster() : nodes;
        await Promise.all([...unseen].map((node) => this.checkNode(node)));
      }
      if (this.opts.signal?.aborted) {
        for (const w of this.take([...this.waiters.values()])) w.reject(interrupted(w.upid));
        return;
      }
      const now = this.opts.clock.now();
      for (const w of this.take([...this.waiters.values()].filter((x) => now >= x.deadline))) {
        w.reject(
          new TimeoutError(`timed out waiting for task ${w.upid}; it is still running`, {
            hint: `Wait again with: pvectl task wait ${w.upid}`,
          }),
        );
      }
    }
  }

  /** One round: a node's list per node at `tick` each, or one cluster list at the slower of two rates. */
  private interval(): number {
    const nodes = new Set([...this.waiters.values()].map((w) => w.node)).size;
    return this.useCluster() ? Math.max(CLUSTER_TICK_MS, this.tick) : this.tick * Math.max(1, nodes);
  }

  /** Tasks on several nodes, few on each, and the cluster list has shown ours. */
  private useCluster(): boolean {
    const perNode = new Map<string, number>();
    for (const w of this.waiters.values()) perNode.set(w.node, (perNode.get(w.node) ?? 0) + 1);
    return perNode.size > 1 && this.clusterMisses < 2 && Math.max(...perNode.values()) <= CLUSTER_MAX_PER_NODE;
  }

  /** Settles what /cluster/tasks shows; returns the nodes of tasks it does not show (all, if unreadable). */
  private async checkCluster(): Promise<Set<string>> {
    const all = [...this.waiters.values()];
    let list: Map<string, Record<string, unknown>>;
    try {
      list = new Map((await listClusterTasks(this.client)).map((t) => [String(t.upid), t]));
    } catch {
      return new Set(all.map((w) => w.node));
    }
    const unseen = new Set<string>();
    const shown: Waiter[] = [];
    for (const w of all) {
      const entry = list.get(w.upid);
      if (!entry) unseen.add(w.node);
      // a running task has no status yet; an ended one its exit text
      else if (entry.status !== undefined && entry.status !== 'RUNNING') shown.push(w);
    }
    // it shows only the caller's own tasks without Sys.Audit, and a token's never (Cluster.pm compares
    // the user without the token name): after two blind rounds the node lists take over
    this.clusterMisses = all.some((w) => list.has(w.upid)) ? 0 : this.clusterMisses + 1;
    await Promise.all(shown.map((w) => this.checkOne(w, list)));
    return unseen;
  }

  private async checkNode(node: string): Promise<void> {
    const mine = [...this.waiters.values()].filter((w) => w.node === node);
    if (mine.length === 0) return;
    let active: Map<string, Record<string, unknown>> | null = null;
    const starts = mine.map((w) => parseUpid(w.upid)?.starttime);
    const since = starts.every((t) => t !== undefined) ? Math.min(...(starts as number[])) : undefined;
    try {
      // limit: the server counts it down to 0 before listing anything, so it must be large
      const params = since === undefined ? { source: 'all', limit: 10_000 } : { source: 'all', limit: 10_000, since };
      const list = await listNodeTasks(this.client, node, params);
      active = new Map(list.map((t) => [String(t.upid), t]));
    } catch {
      // fall back to each task's own status below
    }
    await Promise.all(mine.map((w) => this.checkOne(w, active)));
  }

  private async checkOne(w: Waiter, active: Map<string, Record<string, unknown>> | null): Promise<void> {
    const entry = active?.get(w.upid);
    // the list holds ended tasks too, with their exit text as status
    if (entry && entry.status === 'RUNNING') return;
    if (entry && isTaskSuccess(String(entry.status))) {
      const status = { ...entry, status: 'stopped', exitstatus: String(entry.status) } as unknown as TaskStatus;
      for (const x of this.take([w])) x.resolve(status);
      return;
    }
    try {
      const status = await getTaskStatus(this.client, w.upid);
      if (status.status !== 'stopped') return;
      // success, or a TaskError with the log tail: waitForTask does both for a stopped task
      const final = isTaskSuccess(status.exitstatus)
        ? status
        : await waitForTask(this.client, w.upid, { clock: this.opts.clock });
      for (const x of this.take([w])) x.resolve(final);
    } catch (err) {
      for (const x of this.take([w])) x.reject(this.opts.signal?.aborted ? interrupted(x.upid) : err);
    }
  }

  /** Removes waiters still pending and returns them (each settles once). */
  private take(ws: Waiter[]): Waiter[] {
    return ws.filter((w) => this.waiters.delete(w.upid));
  }
}
