import type { Clock } from '../../../src/context.js';

/**
 * A clock the test moves by hand; its sleeps never end, so a Tab's look-up budget never runs out
 * (on the shared virtual clock the budget's sleep would be the only sleeper and end at once).
 */
export function handClock(start = 1_000_000): Clock & { t: number } {
  return {
    t: start,
    now() {
      return this.t;
    },
    sleep: () => new Promise<void>(() => {}),
  };
}
