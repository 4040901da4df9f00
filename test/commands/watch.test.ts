// --watch on list verbs, driven by the Context's clock (no real waiting): a block per run when
// piped, the alternate screen on a terminal (left on exit), Ctrl-C is exit 0.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';
import type { Clock } from '../../src/context.js';

let s: InProcessSim;
beforeEach(() => {
  s = startInProcessSim();
});
afterEach(() => {
  expect(s.sim.requestLog.filter((e) => e.violation)).toEqual([]);
  expect(s.sim.requestLog.filter((e) => e.method !== 'GET')).toEqual([]);
  s.close();
});

/** A clock whose sleeps return at once; the `runs`-th sleep is Ctrl-C. `between` runs before each. */
function watchClock(runs: number, between: (n: number) => void = () => {}) {
  const ctl = new AbortController();
  const slept: number[] = [];
  let now = Date.UTC(2026, 11, 5, 10, 0, 0);
  const clock: Clock = {
    now: () => now,
    sleep: async (ms, signal) => {
      slept.push(ms);
      now += ms;
      if (slept.length >= runs) ctl.abort(new Error('SIGINT'));
      between(slept.length);
      if (signal?.aborted) throw signal.reason;
    },
  };
  return { clock, signal: ctl.signal, slept };
}

describe('--watch', () => {
  it('piped: a new block each interval, showing what changed; Ctrl-C exits 0', async () => {
    const w = watchClock(3, (n) => {
      if (n === 1) s.sim.state.guests.get(102)!.config.name = 'db-renamed';
    });
    const r = await run(['vm', 'list', '--watch', '5s', '--status', 'stopped', '-o', 'tsv', '--columns', 'vmid,name'], {
      env: s.env,
      clock: w.clock,
      signal: w.signal,
    });
    expect(r).toEqual({
      code: 0,
      stdout: 'vmid\tname\n102\tdb-1\n\nvmid\tname\n102\tdb-renamed\n\nvmid\tname\n102\tdb-renamed\n',
      stderr: '',
    });
    expect(w.slept).toEqual([5000, 5000, 5000]);
  });

  it('on a terminal: the alternate screen, redrawn from the top each time, left on Ctrl-C', async () => {
    const w = watchClock(2);
    const r = await run(['node', 'list', '--watch', '--columns', 'node,status'], {
      env: s.env,
      tty: true,
      clock: w.clock,
      signal: w.signal,
    });
    expect(r.code).toBe(0);
    const frames = r.stdout.split('\x1b[H\x1b[2J');
    expect(frames[0]).toBe('\x1b[?1049h');
    expect(frames).toHaveLength(3);
    expect(frames[1]).toMatch(
      /^Every 2s: pvectl node list {4}\S.*\n\nNODE +STATUS\npve1 +online\npve2 +online\npve3 +online\n$/,
    );
    expect(r.stdout.endsWith('\x1b[?1049l')).toBe(true);
    expect(w.slept).toEqual([2000, 2000]);
  });

  it('task list watches too; a bad value fails before the first run (exit 2)', async () => {
    const w = watchClock(1);
    const r = await run(['task', 'list', '--watch', '1m', '-o', 'id'], {
      env: s.env,
      clock: w.clock,
      signal: w.signal,
    });
    expect(r.code).toBe(0);
    expect(w.slept).toEqual([60000]);
    const bad = await run(['vm', 'list', '--watch', '2s', '--status', 'sleeping'], { env: s.env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--status: "sleeping" is not one of');
  });
});
