// One time budget per call (the region's request timeout, 60 s by default): retries and their
// waits come out of it, and a retry the budget would cut short is not started. A fake clock that
// a slow server "advances" stands for time passing; nothing here really waits.
import { describe, expect, it } from 'vitest';
import { PveClient } from '../../src/api/client.js';
import type { FetchLike } from '../../src/api/transport.js';
import type { Clock } from '../../src/context.js';
import { ApiError } from '../../src/errors.js';

function setup(answerTakesMs: number, requestTimeoutMs?: number) {
  let now = 0;
  const sleeps: number[] = [];
  const clock: Clock = {
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
  const calls: number[] = [];
  const fetch: FetchLike = async () => {
    now += answerTakesMs; // the server took this long to say 503
    calls.push(now);
    return { status: 503, statusText: 'Service Unavailable', headers: { get: () => null }, text: async () => '' };
  };
  const client = new PveClient({
    regionName: 'lab',
    baseUrl: 'https://pve.test:8006',
    tokenId: 'root@pam!pvectl',
    tokenSecret: 'budget-secret-0000',
    fetch,
    clock,
    random: () => 0,
    ...(requestTimeoutMs ? { requestTimeoutMs } : {}),
  });
  return { client, calls, sleeps };
}

describe('the call budget', () => {
  it('fast failures are tried 3 times within it', async () => {
    const { client, calls, sleeps } = setup(10);
    await expect(client.get('/version')).rejects.toThrow('GET /version: Service Unavailable (tried 3 times)');
    expect(calls).toHaveLength(3);
    expect(sleeps).toEqual([150, 300]);
  });

  it('a retry that would end past the default 60 s is not started: the last answer is the error', async () => {
    const { client, calls } = setup(40_000);
    const err = await client.get('/version').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    // 40 s, wait 0.15 s, 80.15 s: a third try would start after 60 s
    expect((err as Error).message).toBe('GET /version: Service Unavailable (tried 2 times)');
    expect(calls).toEqual([40_000, 80_150]);
  });

  it("follows the region's request timeout", async () => {
    const { client, calls } = setup(1_000, 1_100);
    await expect(client.get('/version')).rejects.toThrow('GET /version: Service Unavailable');
    expect(calls).toEqual([1_000]); // 1 s + 0.15 s of waiting would pass 1.1 s
  });
});
