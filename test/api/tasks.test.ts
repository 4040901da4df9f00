// waitForTask: success is "OK" or "WARNINGS: n" (QUIRKS D2); anything else is a TaskError.
import { describe, expect, it } from 'vitest';
import type { PveClient } from '../../src/api/client.js';
import { waitForTask } from '../../src/api/tasks.js';
import type { Clock } from '../../src/context.js';
import { TaskError } from '../../src/errors.js';

const UPID = 'UPID:pve1:00001234:00ABCDEF:6B000000:qmstart:100:root@pam!pvectl:';

const clock: Clock = { now: () => 0, sleep: async () => {} };

/** running for one poll, then stopped with `exitstatus` */
function client(exitstatus: string): PveClient {
  let polls = 0;
  return {
    async get() {
      return polls++ === 0
        ? { upid: UPID, status: 'running', type: 'qmstart', id: '100' }
        : { upid: UPID, status: 'stopped', exitstatus, type: 'qmstart', id: '100' };
    },
    async call() {
      return {
        data: [
          { n: 1, t: 'WARN: old cpu type' },
          { n: 2, t: `TASK ${exitstatus}` },
        ],
        total: 2,
      };
    },
  } as unknown as PveClient;
}

describe('waitForTask', () => {
  it.each(['OK', 'WARNINGS: 1', 'WARNINGS: 12'])('"%s" is success', async (exitstatus) => {
    await expect(waitForTask(client(exitstatus), UPID, { clock })).resolves.toMatchObject({
      status: 'stopped',
      exitstatus,
    });
  });

  it.each(['WARNINGS', 'WARNINGS: many', 'unexpected status', 'interrupted by signal'])(
    '"%s" is a TaskError',
    async (exitstatus) => {
      await expect(waitForTask(client(exitstatus), UPID, { clock })).rejects.toBeInstanceOf(TaskError);
    },
  );
});
