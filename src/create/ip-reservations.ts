// Pool addresses handed out but not yet in a guest's configuration (a create task still running),
// kept in `locks/<region>.ips.json` beside the region lock file and changed only under that lock.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { acquireLock, regionLockPath } from './lock.js';
import type { Session } from './session.js';

export type Reserved = Record<string, { pid: number; until: number }>;

/** Entries expire, so a crashed pvectl frees its address. */
export function reservationBook(s: Session) {
  const lockPath = regionLockPath(s.ctx.env, s.region.name);
  const file = lockPath.replace(/\.lock$/, '.ips.json');
  return {
    /** The reservations as they stand, read without the lock (a check, not a choice). */
    peek: (): Reserved => readReserved(file, s.ctx.clock.now()),
    async update<T>(change: (reserved: Reserved) => Promise<T>): Promise<T> {
      const lock = await acquireLock(s.ctx, lockPath, { timeoutMs: Math.max(10_000, s.deadline - s.ctx.clock.now()) });
      try {
        const reserved = readReserved(file, s.ctx.clock.now());
        const out = await change(reserved);
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, `${JSON.stringify(reserved)}\n`, { mode: 0o600 });
        renameSync(tmp, file);
        return out;
      } finally {
        lock.release();
      }
    },
  };
}

function readReserved(file: string, now: number): Reserved {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
  const out: Reserved = {};
  for (const [address, r] of Object.entries((raw ?? {}) as Record<string, { pid?: unknown; until?: unknown }>)) {
    if (typeof r?.until === 'number' && r.until > now) out[address] = { pid: Number(r.pid), until: r.until };
  }
  return out;
}
