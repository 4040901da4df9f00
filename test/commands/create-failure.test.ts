// guardCreate (src/create/failure.ts): before the guest exists a failure passes through as it is;
// after, it becomes a CreateFailedError that says what exists and exits as its cause would —
// except a refusal of input (2), which becomes 1, since something was written by then.
import { describe, expect, it } from 'vitest';
import type { PveClient } from '../../src/api/client.js';
import { CreateFailedError, guardCreate } from '../../src/create/failure.js';
import type { Session } from '../../src/create/session.js';
import { TimeoutError, UsageError } from '../../src/errors.js';
import type { Progress } from '../../src/output/progress.js';

const noop = () => {};
const progress: Progress = { step: noop, update: noop, log: noop, done: noop, fail: noop, out: noop, stop: noop };
const client = {
  get: async () => [{ type: 'qemu', vmid: 104, node: 'pve1', status: 'stopped', name: 'web-3' }],
  region: 'lab',
} as unknown as PveClient;
const session = {
  ctx: { signal: new AbortController().signal },
  client,
  progress,
  dryRun: false,
} as unknown as Session;
const g = { vmid: 104, name: 'web-3', node: 'pve1', type: 'qemu' as const };

describe('guardCreate', () => {
  it('before the guest exists, the error passes through unchanged', async () => {
    const err = new UsageError('--vmid 100 is already in use');
    await expect(guardCreate(session, false, async () => Promise.reject(err))).rejects.toBe(err);
  });

  it.each([
    [new UsageError('every address of the pool is in use'), 1],
    [new TimeoutError('timed out'), 6],
    [new Error('boom'), 1],
  ])('after it exists: %s reported with what exists, exit %i', async (cause, code) => {
    const failure = await guardCreate(session, false, async (steps) => {
      steps.made(g, 'clone');
      steps.next('configure');
      throw cause;
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CreateFailedError);
    const e = failure as CreateFailedError;
    expect(e.exitCode).toBe(code);
    expect(e.cause).toBe(cause);
    expect(e.message).toBe(`VM 104 (web-3) exists on pve1 but could not be configured: ${cause.message}`);
    expect(e.hint).toBe('Remove it with: pvectl vm delete 104 --yes --force');
    expect(cause.message).not.toContain('VM 104'); // the cause is not rewritten
  });

  it('a task that lost a VMID race made nothing of ours: the error passes through', async () => {
    const err = new Error('VM 104 already exists');
    const failure = await guardCreate(session, false, async (steps) => {
      steps.made(g, 'create');
      steps.notOurs();
      throw err;
    }).catch((e: unknown) => e);
    expect(failure).toBe(err);
  });
});
