// A signal that aborts when the caller's signal does or after `ms`. Not AbortSignal.any with
// AbortSignal.timeout: Node 20 holds the timeout signal only weakly there, and a garbage-collected
// timeout never fires (a request would then wait forever). Call clear() when done.
export interface Deadline {
  signal: AbortSignal;
  /** true once the time ran out (as opposed to the caller's abort) */
  readonly expired: boolean;
  clear(): void;
}

export function deadline(ms: number, outer?: AbortSignal): Deadline {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new DOMException(`no answer within ${ms} ms`, 'TimeoutError'));
  }, ms);
  const onOuter = () => controller.abort(outer?.reason);
  if (outer?.aborted) onOuter();
  else outer?.addEventListener('abort', onOuter, { once: true });
  return {
    signal: controller.signal,
    get expired() {
      return expired;
    },
    clear() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuter);
    },
  };
}
