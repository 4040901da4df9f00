// A signal that aborts when the caller's signal does or after `ms`. Not AbortSignal.any with
// AbortSignal.timeout: Node 20 holds the timeout signal only weakly there, and a garbage-collected
// timeout never fires (a request would then wait forever). The time limit runs on the given clock's
// timer when it has one (a test's virtual clock), else on Node's setTimeout. Call clear() when done.
import type { Clock } from '../context.js';

export interface Deadline {
  signal: AbortSignal;
  /** true once the time ran out (as opposed to the caller's abort) */
  readonly expired: boolean;
  clear(): void;
}

export function deadline(ms: number, outer?: AbortSignal, clock?: Pick<Clock, 'timer'>): Deadline {
  const controller = new AbortController();
  let expired = false;
  const expire = () => {
    expired = true;
    controller.abort(new DOMException(`no answer within ${ms} ms`, 'TimeoutError'));
  };
  let cancel: () => void;
  if (clock?.timer) cancel = clock.timer(ms, expire);
  else {
    const timer = setTimeout(expire, ms);
    cancel = () => clearTimeout(timer);
  }
  const onOuter = () => controller.abort(outer?.reason);
  if (outer?.aborted) onOuter();
  else outer?.addEventListener('abort', onOuter, { once: true });
  return {
    signal: controller.signal,
    get expired() {
      return expired;
    },
    clear() {
      cancel();
      outer?.removeEventListener('abort', onOuter);
    },
  };
}
