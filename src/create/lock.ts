// A lock file shared by every pvectl process of this user (and so by parallel creates): made with
// O_EXCL ('wx'), kept fresh by a heartbeat while held, and taken over when older than `staleMs`
// (its holder crashed). Used to hand out region IP-pool addresses one at a time.
import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { Context } from '../context.js';
import { TimeoutError } from '../errors.js';

export interface FileLock {
  path: string;
  release(): void;
}

export interface LockOptions {
  /** give up waiting after this long (default 60 s) */
  timeoutMs?: number;
  /** a lock file not touched for this long is stale (default 60 s) */
  staleMs?: number;
}

/** $PVECTL_CONFIG_DIR, else $XDG_CONFIG_HOME/pvectl, else ~/.config/pvectl (where config.json lives). */
export function configDir(env: Record<string, string | undefined>): string {
  if (env.PVECTL_CONFIG_DIR) return env.PVECTL_CONFIG_DIR;
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, 'pvectl');
  return join(env.HOME ?? '.', '.config', 'pvectl');
}

export function regionLockPath(env: Record<string, string | undefined>, region: string): string {
  return join(configDir(env), 'locks', `${region.replace(/[^A-Za-z0-9._-]/g, '_')}.lock`);
}

export async function acquireLock(
  ctx: Pick<Context, 'clock' | 'signal'>,
  path: string,
  opts: LockOptions = {},
): Promise<FileLock> {
  const staleMs = opts.staleMs ?? 60_000;
  const deadline = ctx.clock.now() + (opts.timeoutMs ?? 60_000);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  for (;;) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, `${JSON.stringify({ pid: process.pid, at: new Date().toISOString() })}\n`);
      closeSync(fd);
      return held(path, staleMs);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    takeOverIfStale(path, staleMs, ctx.clock.now());
    if (ctx.clock.now() >= deadline) {
      throw new TimeoutError(`another pvectl holds the lock ${path}`, {
        hint: 'If no other pvectl create is running, remove that file and try again.',
      });
    }
    await ctx.clock.sleep(20 + Math.random() * 60, ctx.signal);
  }
}

function held(path: string, staleMs: number): FileLock {
  const ino = statSync(path).ino;
  const beat = setInterval(
    () => {
      try {
        const now = new Date();
        utimesSync(path, now, now);
      } catch {
        // gone: released or taken over; nothing to keep fresh
      }
    },
    Math.max(1000, Math.floor(staleMs / 4)),
  );
  beat.unref?.();
  let released = false;
  return {
    path,
    release() {
      if (released) return;
      released = true;
      clearInterval(beat);
      try {
        if (statSync(path).ino === ino) unlinkSync(path);
      } catch {
        // already gone
      }
    },
  };
}

/** Moves a stale lock aside atomically; puts it back if, in a race, a live lock was moved. */
function takeOverIfStale(path: string, staleMs: number, now: number): void {
  let st;
  try {
    st = statSync(path);
  } catch {
    return;
  }
  if (now - st.mtimeMs <= staleMs) return;
  const aside = `${path}.stale-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    renameSync(path, aside);
  } catch {
    return;
  }
  try {
    if (statSync(aside).ino !== st.ino) linkSync(aside, path);
  } catch {
    // someone holds the path again: theirs stands
  }
  try {
    unlinkSync(aside);
  } catch {
    // nothing to clean
  }
}
