// --rollback's removal (src/create/rollback.ts) against a fake client and a clock whose sleeps pass
// at once: a task of the create still running is waited for a minute, then stopped, before the
// guest is stopped and destroyed.
import { describe, expect, it } from 'vitest';
import type { PveClient } from '../../src/api/client.js';
import type { Clock } from '../../src/context.js';
import { removeGuest, ROLLBACK_TASK_WAIT_MS } from '../../src/create/rollback.js';
import type { Session } from '../../src/create/session.js';
import type { Progress } from '../../src/output/progress.js';

const START = 'UPID:pve1:00001234:00ABCDEF:6B000000:qmstart:104:root@pam!pvectl:';
const STOP = 'UPID:pve1:00001235:00ABCDEF:6B000001:qmstop:104:root@pam!pvectl:';
const DESTROY = 'UPID:pve1:00001236:00ABCDEF:6B000002:qmdestroy:104:root@pam!pvectl:';

function fastClock(): Clock & { elapsed: () => number } {
  let now = 0;
  return {
    now: () => now,
    elapsed: () => now,
    sleep: async (ms) => {
      now += ms;
      await Promise.resolve();
    },
  };
}

/** A start task that never ends by itself; stopping it (DELETE) ends it with an error status. */
function fakeCluster(clock: ReturnType<typeof fastClock>, startEndsAfterMs = Infinity) {
  const calls: string[] = [];
  let startStopped = false;
  let vm = 'stopped';
  const status = (upid: string) => {
    if (upid !== START) return { upid, status: 'stopped', exitstatus: 'OK', type: 'x' };
    if (startStopped)
      return { upid, status: 'stopped', exitstatus: 'interrupted by signal', type: 'qmstart', id: '104' };
    if (clock.elapsed() >= startEndsAfterMs) {
      vm = 'running';
      return { upid, status: 'stopped', exitstatus: 'OK', type: 'qmstart', id: '104' };
    }
    return { upid, status: 'running', type: 'qmstart', id: '104' };
  };
  const client = {
    async get(path: string) {
      const p = decodeURIComponent(path);
      if (p.endsWith('/status') && p.includes('/tasks/')) return status(p.split('/')[4]!);
      calls.push(`GET ${p}`);
      if (p.endsWith('/status/current')) return { status: vm };
      return null;
    },
    async call() {
      return { data: [], total: 0 };
    },
    async post(path: string) {
      calls.push(`POST ${path}`);
      vm = 'stopped';
      return STOP;
    },
    async delete(path: string) {
      const p = decodeURIComponent(path);
      calls.push(`DELETE ${p} @${Math.round(clock.elapsed() / 1000)}s`);
      if (p.includes('/tasks/')) {
        startStopped = true;
        return null;
      }
      if (vm === 'running') throw new Error('VM 104 is running - destroy failed');
      return DESTROY;
    },
  } as unknown as PveClient;
  return { client, calls };
}

const noop = () => {};
const progress: Progress = { step: noop, update: noop, log: noop, done: noop, fail: noop, out: noop, stop: noop };
const session = (client: PveClient, clock: Clock): Session =>
  ({
    ctx: { clock, signal: new AbortController().signal },
    client,
    progress,
    upids: [START],
    dryRun: false,
  }) as unknown as Session;
const g = { vmid: 104, name: 'web-3', node: 'pve1', type: 'qemu' as const };

describe('rollback removal', () => {
  it('a create task that does not end within a minute is stopped, then the guest is destroyed', async () => {
    const clock = fastClock();
    const { client, calls } = fakeCluster(clock);
    await removeGuest(session(client, clock), g);
    expect(calls).toEqual([
      `DELETE /nodes/pve1/tasks/${START} @${ROLLBACK_TASK_WAIT_MS / 1000}s`,
      'GET /nodes/pve1/qemu/104/status/current',
      'DELETE /nodes/pve1/qemu/104 @60s',
    ]);
  });

  it('a start that ends while waited for leaves a running VM: it is stopped before the destroy', async () => {
    const clock = fastClock();
    const { client, calls } = fakeCluster(clock, 5_000);
    await removeGuest(session(client, clock), g);
    expect(calls).toEqual([
      'GET /nodes/pve1/qemu/104/status/current',
      'POST /nodes/pve1/qemu/104/status/stop',
      'DELETE /nodes/pve1/qemu/104 @5s',
    ]);
  });
});
