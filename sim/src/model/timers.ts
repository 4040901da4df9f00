// Every timer the simulator arms goes through here so close() can clear them all, and on the
// simulator's clock (real by default, virtual in in-process tests).
import type { SimClock } from '../options.js';

export type TimerHandle = () => void;

export class Timers {
  private readonly live = new Set<TimerHandle>();
  private closed = false;

  constructor(
    private readonly clock: SimClock,
    private readonly onFire: () => void = () => {}, // before and after each callback
  ) {}

  after(ms: number, fn: () => void): TimerHandle | undefined {
    if (this.closed) return undefined;
    const cancel = this.clock.timer(Math.max(0, ms), () => {
      this.live.delete(cancel);
      this.onFire();
      try {
        fn();
      } finally {
        this.onFire();
      }
    });
    this.live.add(cancel);
    return cancel;
  }

  cancel(t: TimerHandle | undefined): void {
    if (t === undefined) return;
    t();
    this.live.delete(t);
  }

  clear(): void {
    this.closed = true;
    for (const cancel of this.live) cancel();
    this.live.clear();
  }
}
