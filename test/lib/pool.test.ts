import { describe, expect, it } from 'vitest';
import { runPool } from '../../src/lib/pool.js';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('runPool', () => {
  it('keeps at most `limit` in flight and returns results in input order', async () => {
    let active = 0;
    let peak = 0;
    const res = await runPool([5, 1, 4, 2, 3], 2, async (n) => {
      active++;
      peak = Math.max(peak, active);
      for (let i = 0; i < n; i++) await tick();
      active--;
      if (n === 4) throw new Error('four');
      return n * 10;
    });
    expect(peak).toBe(2);
    expect(res.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      50,
      10,
      'four',
      20,
      30,
    ]);
  });

  it('starts nothing new after the signal aborts', async () => {
    const ac = new AbortController();
    const started: number[] = [];
    const res = await runPool(
      [1, 2, 3, 4],
      1,
      async (n) => {
        started.push(n);
        if (n === 2) ac.abort(new Error('stop'));
        return n;
      },
      ac.signal,
    );
    expect(started).toEqual([1, 2]);
    expect(res.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected']);
  });

  it('handles an empty list', async () => {
    expect(await runPool([], 8, async () => 1)).toEqual([]);
  });
});
