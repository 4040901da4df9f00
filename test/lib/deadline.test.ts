import { afterEach, describe, expect, it, vi } from 'vitest';
import { deadline } from '../../src/lib/deadline.js';

afterEach(() => vi.useRealTimers());

describe('deadline', () => {
  it('aborts with a TimeoutError when the time runs out', () => {
    vi.useFakeTimers();
    const d = deadline(500);
    vi.advanceTimersByTime(499);
    expect(d.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(d.signal.aborted).toBe(true);
    expect(d.expired).toBe(true);
    expect((d.signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it("passes the caller's abort on, and is then not expired", () => {
    vi.useFakeTimers();
    const outer = new AbortController();
    const d = deadline(500, outer.signal);
    outer.abort(new Error('ctrl-c'));
    expect(d.signal.aborted).toBe(true);
    expect(d.expired).toBe(false);
    expect((d.signal.reason as Error).message).toBe('ctrl-c');
    expect(deadline(500, outer.signal).signal.aborted).toBe(true); // already aborted
  });

  it('clear() stops the timer and forgets the caller signal', () => {
    vi.useFakeTimers();
    const outer = new AbortController();
    const d = deadline(500, outer.signal);
    d.clear();
    vi.advanceTimersByTime(1000);
    outer.abort();
    expect(d.signal.aborted).toBe(false);
  });
});
