// The config lock on its own: a live owner makes others wait (bounded, then exit 6 with nothing
// changed), a dead owner's lock is taken over, and the lock is released whatever happens.
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withFileLock, type LockClock } from '../../src/config/lock.js';
import { ExitCode, TimeoutError } from '../../src/errors.js';

/** A clock whose sleeps only move its time on: the bounded wait is tested without waiting. */
function fakeClock(): LockClock & { slept: number } {
  let now = 1_000_000;
  const clock = {
    slept: 0,
    now: () => now,
    sleep: (ms: number) => {
      now += ms;
      clock.slept += ms;
    },
  };
  return clock;
}

const lockFile = () => join(mkdtempSync(join(tmpdir(), 'pvectl-lock-')), 'config.json.lock');

describe('config lock', () => {
  it('runs the change holding the lock, then removes it', () => {
    const lock = lockFile();
    const seen = withFileLock(lock, () => readFileSync(lock, 'utf8'));
    expect(seen).toBe(`${process.pid} ${hostname()}\n`);
    expect(existsSync(lock)).toBe(false);
  });

  it('releases the lock when the change throws', () => {
    const lock = lockFile();
    expect(() =>
      withFileLock(lock, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(existsSync(lock)).toBe(false);
  });

  it('a lock held by a live process: waits the bound, then exit 6 naming the holder; the change never runs', () => {
    const lock = lockFile();
    writeFileSync(lock, `${process.pid} ${hostname()}\n`); // this test process is alive
    const clock = fakeClock();
    let ran = false;
    let err: unknown;
    try {
      withFileLock(lock, () => (ran = true), { waitMs: 2000, clock, pid: 1 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as TimeoutError).exitCode).toBe(ExitCode.timeout);
    expect((err as TimeoutError).message).toBe(
      `Timed out after 2s waiting for the config lock ${lock}, held by process ${process.pid} on ${hostname()}.`,
    );
    expect((err as TimeoutError).hint).toContain(`remove ${lock}`);
    expect(ran).toBe(false);
    expect(clock.slept).toBeGreaterThanOrEqual(2000);
    expect(existsSync(lock)).toBe(true); // not ours to remove
  });

  it("a dead process's lock on this host is taken over", () => {
    const lock = lockFile();
    writeFileSync(lock, `999999999 ${hostname()}\n`); // above Linux's pid_max: never alive
    expect(withFileLock(lock, () => 'done', { clock: fakeClock() })).toBe('done');
    expect(existsSync(lock)).toBe(false);
  });

  it("another host's lock is waited for while fresh and taken over once a minute old", () => {
    const lock = lockFile();
    writeFileSync(lock, '4242 some-other-host\n');
    const clock = fakeClock();
    // the fake clock starts near the epoch, so "now - mtime" is negative: fresh
    expect(() => withFileLock(lock, () => 'x', { waitMs: 500, clock })).toThrow(TimeoutError);
    const old = new Date(Date.now() - 120_000);
    utimesSync(lock, old, old);
    expect(withFileLock(lock, () => 'taken')).toBe('taken');
  });
});
