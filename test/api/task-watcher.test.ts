import { describe, expect, it } from 'vitest';
import { TaskWatcher } from '../../src/api/task-watcher.js';
import type { PveClient } from '../../src/api/client.js';
import type { Clock } from '../../src/context.js';
import { InterruptedError, TaskError, TimeoutError } from '../../src/errors.js';

const U1 = 'UPID:pve1:00001234:00ABCDEF:6B000000:qmstart:100:root@pam!pvectl:';
const U2 = 'UPID:pve1:00001235:00ABCDEF:6B000000:qmstart:101:root@pam!pvectl:';

/** A clock whose sleeps pass at once (time advances by the amount slept). */
function fastClock(): Clock {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      now += ms;
      await Promise.resolve();
    },
  };
}

/** A fake client: tasks end after `ticks` list reads; `listFails` makes the node list answer 403. */
function fakeClient(opts: { ticks: number; exit?: Record<string, string>; listFails?: boolean }) {
  const calls: string[] = [];
  let reads = 0;
  const ended = () => reads > opts.ticks;
  const client = {
    async get(path: string) {
      calls.push(path.replace(/UPID[^/]+/, 'UPID'));
      if (path === '/nodes/pve1/tasks') {
        if (opts.listFails) throw new Error('403');
        reads++;
        return ended()
          ? []
          : [
              { upid: U1, status: 'RUNNING' },
              { upid: U2, status: 'RUNNING' },
            ];
      }
      if (path.endsWith('/status')) {
        if (opts.listFails) reads++;
        const upid = decodeURIComponent(path.split('/')[4]!);
        return ended()
          ? { upid, status: 'stopped', exitstatus: opts.exit?.[upid] ?? 'OK', type: 'qmstart', id: upid.split(':')[6] }
          : { upid, status: 'running' };
      }
      return null;
    },
    async call(_m: string, path: string) {
      calls.push(path.replace(/UPID[^/]+/, 'UPID'));
      return { data: [{ n: 1, t: 'TASK ERROR: boom' }], total: 1 };
    },
  } as unknown as PveClient;
  return { client, calls };
}

describe('TaskWatcher', () => {
  it('reads the node list once per tick for all tasks, then each final status once', async () => {
    const { client, calls } = fakeClient({ ticks: 3 });
    const w = new TaskWatcher(client, { clock: fastClock() });
    const [a, b] = await Promise.all([w.wait(U1), w.wait(U2)]);
    expect([a.exitstatus, b.exitstatus]).toEqual(['OK', 'OK']);
    expect(calls).toEqual([
      ...Array(4).fill('/nodes/pve1/tasks'),
      '/nodes/pve1/tasks/UPID/status',
      '/nodes/pve1/tasks/UPID/status',
    ]);
  });

  it('a task that ended with "WARNINGS: n" resolves like OK', async () => {
    const { client } = fakeClient({ ticks: 1, exit: { [U1]: 'WARNINGS: 2' } });
    const w = new TaskWatcher(client, { clock: fastClock() });
    await expect(w.wait(U1)).resolves.toMatchObject({ exitstatus: 'WARNINGS: 2' });
  });

  it('a failed task rejects with a TaskError carrying the log tail', async () => {
    const { client } = fakeClient({ ticks: 0, exit: { [U1]: 'boom' } });
    const err = await new TaskWatcher(client, { clock: fastClock() }).wait(U1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TaskError);
    expect((err as TaskError).logTail).toEqual(['TASK ERROR: boom']);
  });

  it('falls back to each task status when the node list cannot be read', async () => {
    const { client, calls } = fakeClient({ ticks: 2, listFails: true });
    const status = await new TaskWatcher(client, { clock: fastClock() }).wait(U1);
    expect(status.exitstatus).toBe('OK');
    expect(calls.filter((c) => c.endsWith('/status')).length).toBeGreaterThan(1);
  });

  it('times out per task and is interrupted by the signal', async () => {
    const { client } = fakeClient({ ticks: 1000 });
    const timedOut = await new TaskWatcher(client, { clock: fastClock() }).wait(U1, 2000).catch((e: unknown) => e);
    expect(timedOut).toBeInstanceOf(TimeoutError);
    expect((timedOut as Error).message).toBe(`timed out waiting for task ${U1}; it is still running`);

    const ac = new AbortController();
    const w = new TaskWatcher(client, { clock: fastClock(), signal: ac.signal });
    const pending = w.wait(U2).catch((e: unknown) => e);
    ac.abort(new Error('interrupted'));
    expect(await pending).toBeInstanceOf(InterruptedError);
  });
});
