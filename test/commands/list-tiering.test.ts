// vm list / ct list raise V8's interrupt budget once their answer is in (list-tiering.ts): the
// flag must be one the running V8 knows (an unknown one prints "Error: unrecognized flag" on
// stderr), set once the answer arrived, and never before a usage error.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import type { InProcessSim } from '../helpers/cli.js';

const setFlags = vi.hoisted(() => vi.fn());
vi.mock('node:v8', async (importOriginal) => ({ ...(await importOriginal<object>()), setFlagsFromString: setFlags }));
// fresh modules: in a worker shared with other files (isolate: false) a listing may already have
// set the flag, and "once per process" would then show no call here
vi.resetModules();
const { LISTING_INTERRUPT_BUDGET, listingTieringFlag } = await import('../../src/commands/guest/list-tiering.js');
const { run, startInProcessSim } = await import('../helpers/cli.js');

const FLAG = listingTieringFlag();

let s: InProcessSim;
beforeEach(() => {
  s = startInProcessSim();
});
afterEach(() => s.close());

describe('the interrupt budget of a listing', () => {
  it('is a flag the running V8 takes silently (an unknown one is reported on stderr)', () => {
    const set = (flag: string) =>
      spawnSync(process.execPath, ['-e', `require('node:v8').setFlagsFromString(${JSON.stringify(flag)})`], {
        encoding: 'utf8',
      });
    // only V8 11 (Node 20) has it; V8 12+ (Node 22, 24) would print "unrecognized flag", so none is set there
    expect(listingTieringFlag('11.3.244.8-node.33')).toBe(`--interrupt-budget=${LISTING_INTERRUPT_BUDGET}`);
    expect([listingTieringFlag('12.4.254.21-node.33'), listingTieringFlag('13.6.233.17-node.37')]).toEqual([
      undefined,
      undefined,
    ]);
    if (FLAG) expect(set(FLAG)).toMatchObject({ status: 0, stderr: '' });
    else expect(set(`--interrupt-budget=${LISTING_INTERRUPT_BUDGET}`).stderr).toMatch(/unrecognized flag/);
    expect(set('--interrupt-budget-no-such-flag=1').stderr).toMatch(/unrecognized flag/);
  });

  it('is set once the answer is in, once per process, for vm list and ct list', async () => {
    expect((await run(['vm', 'list', '--sort', 'bogus'], { env: s.env })).code).toBe(2);
    expect(setFlags.mock.calls.filter(([f]) => f === FLAG)).toHaveLength(0);
    expect(s.sim.requestLog.filter((l) => l.method !== 'GET')).toEqual([]);
    expect((await run(['vm', 'list'], { env: s.env })).code).toBe(0);
    expect((await run(['ct', 'list'], { env: s.env })).code).toBe(0);
    expect(setFlags.mock.calls.filter(([f]) => f === FLAG)).toHaveLength(FLAG ? 1 : 0);
  });
});
