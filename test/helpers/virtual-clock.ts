// Virtual time for in-process tests, shared by the simulator (SimOptions.clock) and pvectl (ctx.clock).
// Time moves only when someone sleeps: pvectl polling or backing off, the simulator holding a request
// (fault latency), a test waiting. Once the event loop has settled (concurrent sleepers have
// registered, requests in flight have been answered) the clock jumps to the earliest wake-up, firing
// every timer due until then in order (task ends, request time limits), then wakes that sleeper.
// Timers alone never move time: a task started by a test stays running until something sleeps.
import type { Clock } from '../../src/context.js';
import type { SimClock } from '../../sim/src/index.js';

interface Entry {
  at: number;
  seq: number;
  fire: () => void;
  /** a sleeper (moves time) rather than a timer (waits for time to move) */
  wakes: boolean;
}

/** setImmediate turns without news before the clock may move */
const QUIET_TURNS = 3;
/** after this many turns a request still in flight no longer holds time still (it waits on time) */
const BUSY_TURNS = 200;

export class VirtualClock implements Clock {
  private t: number;
  private seq = 0;
  private queue: Entry[] = [];
  private news = 0;
  private busy = 0;
  private settling = false;

  /** starts at the real time, so that dates printed and file times compared look as usual */
  constructor(start = Date.now()) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  timer(ms: number, fn: () => void): () => void {
    const e = this.add(ms, fn, false);
    return () => this.remove(e);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        this.remove(e);
        reject(signal?.reason);
      };
      const e = this.add(
        ms,
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        true,
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      void this.settle();
    });
  }

  /** a test waits ms of virtual time (tasks run, timers fire) */
  advance(ms: number): Promise<void> {
    return this.sleep(ms);
  }

  /** the clock as the simulator gets it: a request it holds asleep does not keep time still */
  forSimulator(): SimClock {
    return {
      now: () => this.now(),
      timer: (ms, fn) => this.timer(ms, fn),
      sleep: async (ms, signal) => {
        this.busy--;
        try {
          await this.sleep(ms, signal);
        } finally {
          this.busy++;
        }
      },
    };
  }

  /** a request in flight: time stands still until it is answered */
  track<T>(p: Promise<T>): Promise<T> {
    this.busy++;
    this.news++;
    return p.finally(() => {
      this.busy--;
      this.news++;
    });
  }

  private add(ms: number, fire: () => void, wakes: boolean): Entry {
    const e: Entry = { at: this.t + Math.max(0, ms || 0), seq: this.seq++, fire, wakes };
    let i = this.queue.length;
    while (i > 0 && this.queue[i - 1]!.at > e.at) i--;
    this.queue.splice(i, 0, e);
    this.news++;
    return e;
  }

  private remove(e: Entry): void {
    const i = this.queue.indexOf(e);
    if (i >= 0) this.queue.splice(i, 1);
  }

  private async settle(): Promise<void> {
    if (this.settling) return;
    this.settling = true;
    try {
      for (;;) {
        await this.quiet();
        const next = this.queue.find((e) => e.wakes);
        if (!next) return;
        while (this.queue[0] && this.queue[0].at <= next.at) {
          const e = this.queue.shift()!;
          this.t = Math.max(this.t, e.at);
          e.fire();
        }
      }
    } finally {
      this.settling = false;
    }
  }

  /** resolves once the event loop has had QUIET_TURNS turns with no news and no request in flight */
  private async quiet(): Promise<void> {
    let calm = 0;
    for (let turn = 0; calm < QUIET_TURNS; turn++) {
      const seen = this.news;
      await new Promise<void>((r) => setImmediate(r));
      calm = this.news === seen && (this.busy <= 0 || turn >= BUSY_TURNS) ? calm + 1 : 0;
    }
  }
}
