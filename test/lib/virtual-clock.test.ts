// The tests' virtual clock (test/helpers/virtual-clock.ts): time moves only when someone sleeps, to
// the earliest wake-up, firing the timers due on the way in order; no real time passes.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../helpers/virtual-clock.js';

const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r));
};

describe('VirtualClock', () => {
  it('starts at the given time and does not move for timers alone', async () => {
    const clock = new VirtualClock(1_000);
    const fired: number[] = [];
    clock.timer(10, () => fired.push(clock.now()));
    await turns(20);
    expect(fired).toEqual([]);
    expect(clock.now()).toBe(1_000);
  });

  it('a sleep moves time to its wake-up, firing the timers due before it in order', async () => {
    const clock = new VirtualClock(0);
    const fired: string[] = [];
    clock.timer(30, () => fired.push(`b@${clock.now()}`));
    clock.timer(10, () => fired.push(`a@${clock.now()}`));
    clock.timer(500, () => fired.push(`late@${clock.now()}`));
    await clock.sleep(100);
    fired.push(`woke@${clock.now()}`);
    expect(fired).toEqual(['a@10', 'b@30', 'woke@100']);
  });

  it('concurrent sleepers wake in the order of their wake-ups, each at its own time', async () => {
    const clock = new VirtualClock(0);
    const woke: string[] = [];
    const sleeper = async (name: string, ms: number) => {
      await clock.sleep(ms);
      woke.push(`${name}@${clock.now()}`);
    };
    await Promise.all([sleeper('slow', 300), sleeper('fast', 100), sleeper('mid', 200)]);
    expect(woke).toEqual(['fast@100', 'mid@200', 'slow@300']);
  });

  it('a cancelled timer does not fire; an aborted sleep rejects with the reason and leaves time alone', async () => {
    const clock = new VirtualClock(0);
    const fired: number[] = [];
    const cancel = clock.timer(5, () => fired.push(5));
    cancel();
    const ac = new AbortController();
    const pending = clock.sleep(1_000, ac.signal);
    ac.abort(new Error('interrupted'));
    await expect(pending).rejects.toThrow('interrupted');
    await clock.sleep(10);
    expect(fired).toEqual([]);
    expect(clock.now()).toBe(10);
  });

  it('holds time still while a tracked request is in flight', async () => {
    const clock = new VirtualClock(0);
    let answer!: () => void;
    const request = clock.track(new Promise<void>((r) => (answer = r)));
    const sleeping = clock.sleep(50);
    await turns(20);
    expect(clock.now()).toBe(0); // the request is not answered yet
    answer();
    await request;
    await sleeping;
    expect(clock.now()).toBe(50);
  });

  it("the simulator's sleep (a held request) moves time like any other", async () => {
    const clock = new VirtualClock(0);
    const sim = clock.forSimulator();
    // a request in flight that the simulator holds for 60 ms of latency
    await clock.track(sim.sleep(60));
    expect(clock.now()).toBe(60);
  });
});
