// Retries: idempotent reads are tried 3 times on connection errors, 502/503/504 and 595, with a
// growing, jittered backoff; writes are sent exactly once. A fake clock records the waits, so
// nothing here really sleeps.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PveClient, type Method } from '../../src/api/client.js';
import type { FetchLike } from '../../src/api/transport.js';
import type { Clock } from '../../src/context.js';
import { ApiError, NetworkError } from '../../src/errors.js';
import { main } from '../../src/main.js';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';

/** A clock whose sleeps return at once and are recorded. */
function fakeClock(): Clock & { sleeps: number[] } {
  let now = 1_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    async sleep(ms) {
      sleeps.push(ms);
      now += ms;
    },
  };
}

type Step = { status: number; statusText?: string; body?: unknown } | Error;

/** A fetch that answers from a script (the last step repeats) and records each call. */
function scriptedFetch(steps: Step[]): FetchLike & { calls: Array<{ method: string; url: string }> } {
  const calls: Array<{ method: string; url: string }> = [];
  const fetch: FetchLike = async (url, init) => {
    const step = steps[Math.min(calls.length, steps.length - 1)]!;
    calls.push({ method: init.method, url });
    if (step instanceof Error) throw step;
    const text = step.body === undefined ? '' : JSON.stringify(step.body);
    return {
      status: step.status,
      statusText: step.statusText ?? '',
      headers: { get: () => null },
      text: async () => text,
    };
  };
  return Object.assign(fetch, { calls });
}

function client(fetch: FetchLike, clock: Clock, random?: () => number, log?: string[]): PveClient {
  return new PveClient({
    regionName: 'lab',
    baseUrl: 'https://pve.test:8006',
    tokenId: 'root@pam!pvectl',
    tokenSecret: 'sekret-0000',
    fetch,
    clock,
    ...(random ? { random } : {}),
    ...(log ? { log: (line: string) => log.push(line) } : {}),
  });
}

const refused = () => new NetworkError('cannot connect to https://pve.test:8006: connection refused');
const ok = { status: 200, statusText: 'OK', body: { data: { version: '9.1.4' } } };

describe('PveClient retries (fake fetch, fake clock)', () => {
  it.each([
    ['502', { status: 502, statusText: 'Bad Gateway' }],
    ['503', { status: 503, statusText: 'Service Unavailable' }],
    ['504', { status: 504, statusText: 'Gateway Timeout' }],
    ['595', { status: 595, statusText: 'Connection refused' }],
    ['a connection error', refused()],
    ['a WHATWG fetch network error', new TypeError('fetch failed')],
  ] as Array<[string, Step]>)('a GET failing with %s is tried 3 times, then fails saying so', async (_what, step) => {
    const fetch = scriptedFetch([step]);
    const clock = fakeClock();
    const err = await client(fetch, clock)
      .get('/version')
      .catch((e: unknown) => e);
    expect(fetch.calls.map((c) => c.method)).toEqual(['GET', 'GET', 'GET']);
    expect(clock.sleeps).toHaveLength(2);
    expect(err).toBeInstanceOf(step instanceof ApiError || !(step instanceof Error) ? ApiError : NetworkError);
    expect((err as Error).message).toMatch(/\(tried 3 times\)$/);
  });

  it('a GET that fails twice, then answers, returns the answer', async () => {
    const fetch = scriptedFetch([{ status: 503, statusText: 'Service Unavailable' }, refused(), ok]);
    const clock = fakeClock();
    await expect(client(fetch, clock).get('/version')).resolves.toEqual({ version: '9.1.4' });
    expect(fetch.calls).toHaveLength(3);
    expect(clock.sleeps).toHaveLength(2);
  });

  it.each(['POST', 'PUT', 'DELETE'] as Method[])('a %s is sent exactly once, whatever the failure', async (method) => {
    for (const step of [
      { status: 502, statusText: 'Bad Gateway' },
      { status: 503 },
      { status: 595 },
      refused(),
      new TypeError('Failed to fetch'),
    ]) {
      const fetch = scriptedFetch([step, ok]);
      const clock = fakeClock();
      await expect(client(fetch, clock).call(method, '/nodes/pve1/qemu/100/status/start')).rejects.toThrow();
      expect(fetch.calls.map((c) => c.method)).toEqual([method]);
      expect(clock.sleeps).toEqual([]);
    }
  });

  it.each([
    [
      '400',
      { status: 400, statusText: 'Parameter verification failed', body: { data: null, errors: { vmid: 'bad' } } },
    ],
    ['401', { status: 401, statusText: 'authentication failure' }],
    ['500', { status: 500, statusText: 'VM 999 does not exist' }],
    ['an unexpected error', new TypeError('x is not a function')],
  ] as Array<[string, Step]>)('a GET failing with %s is not retried', async (_what, step) => {
    const fetch = scriptedFetch([step, ok]);
    const clock = fakeClock();
    const err = await client(fetch, clock)
      .get('/version')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).not.toContain('tried');
    expect(fetch.calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('the waits grow (150-300 ms, then 300-600 ms) and are jittered', async () => {
    const at = async (randoms: number[]) => {
      const clock = fakeClock();
      const r = [...randoms];
      await client(scriptedFetch([{ status: 503 }]), clock, () => r.shift()!)
        .get('/version')
        .catch(() => {});
      return clock.sleeps;
    };
    expect(await at([0, 0])).toEqual([150, 300]);
    expect(await at([0.5, 0.5])).toEqual([225, 450]);
    expect(await at([0.9999, 0])).toEqual([299, 300]); // the longest first wait is shorter than the shortest second

    // with the real Math.random: every client waits longer the second time, and they do not wait alike
    const runs = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const clock = fakeClock();
        await client(scriptedFetch([{ status: 502 }]), clock)
          .get('/version')
          .catch(() => {});
        return clock.sleeps;
      }),
    );
    for (const [first, second] of runs) {
      expect(first).toBeGreaterThanOrEqual(150);
      expect(first).toBeLessThan(300);
      expect(second).toBeGreaterThanOrEqual(300);
      expect(second).toBeLessThan(600);
    }
    expect(new Set(runs.map(([first]) => first)).size).toBeGreaterThan(1);
  });

  it('stops retrying when the command is interrupted', async () => {
    const controller = new AbortController();
    const fetch = scriptedFetch([{ status: 503 }]);
    const clock: Clock = {
      now: () => 0,
      async sleep() {
        controller.abort(new Error('interrupted'));
        throw new Error('interrupted');
      },
    };
    const c = new PveClient({
      regionName: 'lab',
      baseUrl: 'https://pve.test:8006',
      tokenId: 'root@pam!pvectl',
      tokenSecret: 's',
      fetch,
      clock,
      signal: controller.signal,
    });
    await expect(c.get('/version')).rejects.toThrow('interrupted');
    expect(fetch.calls).toHaveLength(1);
  });
});

// In-process against the simulator (msw) with its faults; main() gets the fake clock.
let s: InProcessSim;
let clock: ReturnType<typeof fakeClock>;
beforeAll(() => {
  s = startInProcessSim();
});
afterAll(() => s.close());
beforeEach(() => {
  s.sim.requestLog.length = 0;
  s.sim.faults.errorRate = 0;
  s.sim.faults.dropRate = 0;
  clock = fakeClock();
});

function pvectl(args: string[], fetch?: FetchLike) {
  return run(args, { env: s.env, fetch, clock });
}

const calls = () => s.sim.requestLog.map((e) => `${e.method} ${e.path}`);

describe('retries against the simulator', () => {
  it('a GET answered 502/503 every time is tried 3 times, then exit 1 with a clear message', async () => {
    s.sim.faults.errorRate = 1;
    const r = await pvectl(['node', 'list']);
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'Error: GET /cluster/resources: Bad Gateway (tried 3 times)\n' });
    expect(calls()).toEqual(Array(3).fill('GET /cluster/resources'));
    expect(clock.sleeps).toHaveLength(2);
  });

  it('a GET whose connection is dropped every time is tried 3 times, then exit 1 naming the server', async () => {
    s.sim.faults.dropRate = 1;
    const r = await pvectl(['node', 'list']);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error: connection to https://pve.test:8006 failed: no answer (tried 3 times)\n',
    });
    expect(calls()).toEqual(Array(3).fill('GET /cluster/resources'));
  });

  it('a GET that fails twice, then is answered, lists normally (exit 0)', async () => {
    s.sim.faults.errorRate = 1;
    let seen = 0;
    const failTwice: FetchLike = (url, init) => {
      seen += 1;
      if (seen === 2) s.sim.faults.dropRate = 1; // the second fails differently: a dropped connection
      if (seen === 3) Object.assign(s.sim.faults, { errorRate: 0, dropRate: 0 });
      return globalThis.fetch(url, init);
    };
    const r = await pvectl(['node', 'list', '-o', 'id'], failTwice);
    expect(r).toEqual({ code: 0, stdout: 'pve1\npve2\npve3\n', stderr: '' });
    expect(calls()).toEqual(Array(3).fill('GET /cluster/resources'));
    expect(clock.sleeps).toHaveLength(2);
  });

  it.each([
    ['POST', ['api', 'post', '/nodes/pve1/qemu/100/status/start']],
    ['PUT', ['api', 'put', '/nodes/pve1/qemu/100/config', '-d', 'description=x']],
    ['DELETE', ['api', 'delete', '/nodes/pve1/qemu/100']],
  ])('a %s is sent exactly once, on a 502 or a dropped connection', async (method, args) => {
    for (const fault of ['errorRate', 'dropRate'] as const) {
      s.sim.requestLog.length = 0;
      Object.assign(s.sim.faults, { errorRate: 0, dropRate: 0, [fault]: 1 });
      const r = await pvectl(args);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^Error: /);
      expect(r.stderr).not.toContain('tried');
      expect(calls()).toEqual([`${method} ${args[2]}`]);
    }
    expect(clock.sleeps).toEqual([]);
  });
});
