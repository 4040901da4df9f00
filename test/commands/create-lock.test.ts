// The lock file parallel creates take turns with: exclusive, waited for, taken over when stale.
import { existsSync, mkdtempSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/context.js';
import { TimeoutError } from '../../src/errors.js';
import { acquireLock, configDir, regionLockPath } from '../../src/create/lock.js';

const ctx = { clock: systemClock, signal: new AbortController().signal };
const lockFile = () => join(mkdtempSync(join(tmpdir(), 'pvectl-lock-')), 'locks', 'lab.lock');

describe('acquireLock', () => {
  it('is exclusive: a second holder waits until the first releases', async () => {
    const path = lockFile();
    const first = await acquireLock(ctx, path);
    const order: string[] = [];
    const second = acquireLock(ctx, path).then((l) => (order.push('second'), l));
    await systemClock.sleep(100);
    order.push('first releases');
    first.release();
    (await second).release();
    expect(order).toEqual(['first releases', 'second']);
    expect(existsSync(path)).toBe(false);
  });

  it('gives up after its timeout with a message naming the file', async () => {
    const path = lockFile();
    const held = await acquireLock(ctx, path);
    const err = await acquireLock(ctx, path, { timeoutMs: 100 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as TimeoutError).message).toBe(`another pvectl holds the lock ${path}`);
    held.release();
  });

  it('takes over a lock left behind by a crashed process', async () => {
    const path = lockFile();
    await acquireLock(ctx, path); // never released
    const old = new Date(Date.now() - 120_000);
    utimesSync(path, old, old);
    const taken = await acquireLock(ctx, path, { timeoutMs: 1000 });
    expect(existsSync(path)).toBe(true);
    taken.release();
    expect(existsSync(path)).toBe(false);
  });
});

describe('where locks live', () => {
  it('beside config.json: PVECTL_CONFIG_DIR, else XDG_CONFIG_HOME/pvectl, else ~/.config/pvectl', () => {
    expect(configDir({ PVECTL_CONFIG_DIR: '/c', HOME: '/h' })).toBe('/c');
    expect(configDir({ XDG_CONFIG_HOME: '/x', HOME: '/h' })).toBe('/x/pvectl');
    expect(configDir({ HOME: '/h' })).toBe('/h/.config/pvectl');
    expect(regionLockPath({ PVECTL_CONFIG_DIR: '/c' }, 'my region/1')).toBe('/c/locks/my_region_1.lock');
  });
});
