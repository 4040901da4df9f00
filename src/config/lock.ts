// A cross-process lock for config.json: every update is read-modify-write under it, so parallel
// `pvectl region add` runs each keep their region instead of the last writer's copy winning.
// The lock is a file created with O_EXCL that names its owner; the wait for it is bounded.
// Synchronous on purpose: the store's API is synchronous and the lock is held for milliseconds.
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { TimeoutError } from '../errors.js';

export interface LockClock {
  now(): number;
  sleep(ms: number): void;
}

export interface LockOptions {
  /** how long to wait for another process's lock before giving up (default 10 s) */
  waitMs?: number;
  clock?: LockClock;
  /** this process (tests pretend to be another one) */
  pid?: number;
}

/** A lock that no process on another host refreshed for this long is left over from a crash. */
const FOREIGN_STALE_MS = 60_000;
const DEFAULT_WAIT_MS = 10_000;

const sleeper = new Int32Array(new SharedArrayBuffer(4));
export const realLockClock: LockClock = {
  now: () => Date.now(),
  // a synchronous sleep that does not spin the CPU
  sleep: (ms) => void Atomics.wait(sleeper, 0, 0, ms),
};

export function withFileLock<T>(lockPath: string, fn: () => T, opts: LockOptions = {}): T {
  const clock = opts.clock ?? realLockClock;
  const pid = opts.pid ?? process.pid;
  const deadline = clock.now() + (opts.waitMs ?? DEFAULT_WAIT_MS);
  let pause = 5;
  for (;;) {
    if (tryCreate(lockPath, pid)) break;
    const owner = readOwner(lockPath);
    if (owner && isStale(owner, lockPath, clock)) {
      removeIfUnchanged(lockPath, owner.raw);
      continue;
    }
    if (clock.now() >= deadline) throw lockTimeout(lockPath, owner, opts.waitMs ?? DEFAULT_WAIT_MS);
    // jitter so that waiters woken together do not collide again
    clock.sleep(pause + Math.floor(Math.random() * pause));
    pause = Math.min(pause * 2, 100);
  }
  try {
    return fn();
  } finally {
    try {
      unlinkSync(lockPath);
    } catch {
      // already gone (removed by hand): nothing to release
    }
  }
}

interface Owner {
  raw: string;
  pid?: number;
  host?: string;
}

function tryCreate(lockPath: string, pid: number): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, `${pid} ${hostname()}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readOwner(lockPath: string): Owner | undefined {
  try {
    const raw = readFileSync(lockPath, 'utf8');
    const m = /^(\d+) (\S+)\n$/.exec(raw);
    return m ? { raw, pid: Number(m[1]), host: m[2] } : { raw };
  } catch {
    return undefined; // released while we looked: try again
  }
}

function isStale(owner: Owner, lockPath: string, clock: LockClock): boolean {
  if (owner.pid !== undefined && owner.host === hostname()) return !isAlive(owner.pid);
  // another host's lock (a shared home directory), or one whose owner has not written its name
  // yet: only its age tells
  try {
    return clock.now() - statSync(lockPath).mtimeMs > FOREIGN_STALE_MS;
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes a dead owner's lock, unless a live process replaced it since we read it. */
function removeIfUnchanged(lockPath: string, raw: string): void {
  try {
    if (readFileSync(lockPath, 'utf8') === raw) unlinkSync(lockPath);
  } catch {
    // gone already: the next attempt creates it
  }
}

function lockTimeout(lockPath: string, owner: Owner | undefined, waitMs: number): TimeoutError {
  const who = owner?.pid !== undefined ? `, held by process ${owner.pid} on ${owner.host}` : '';
  return new TimeoutError(`Timed out after ${waitMs / 1000}s waiting for the config lock ${lockPath}${who}.`, {
    hint: `Nothing was changed. Run the command again; if no other pvectl is running, remove ${lockPath}.`,
  });
}
