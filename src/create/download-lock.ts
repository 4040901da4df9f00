// Parallel creates that need the same file on the same storage take turns: one downloads, the
// others wait and then find it. The lock is per file and storage (per node too, unless the
// storage is shared). Nothing is locked under --dry-run: nothing is downloaded.
import type { StorageInfo } from '../api/storage.js';
import { acquireLock, regionLockPath, type FileLock } from './lock.js';
import { remainingMs, type Session } from './session.js';

export async function downloadLock(
  s: Session,
  node: string,
  storage: StorageInfo,
  file: string,
): Promise<FileLock | undefined> {
  if (s.dryRun) return undefined;
  const name = `${s.region.name}-${storage.shared ? '' : `${node}-`}${storage.storage}-${file}`;
  return acquireLock(s.ctx, regionLockPath(s.ctx.env, name), {
    timeoutMs: remainingMs(s, 'waiting for another download'),
  });
}
