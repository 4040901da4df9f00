// In-process harness for simulator tests: msw setupServer + plain fetch against a fake origin, on a
// virtual clock (test/helpers/virtual-clock.ts): tasks take no real time, waiting moves the clock.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createSimulator, type SimOptions, type Simulator } from '../src/index.js';
import { loadSchema } from '../src/schema/index.js';
import { VirtualClock } from '../../test/helpers/virtual-clock.js';

// Every request the tests send goes through the official schema when it is available.
let schemaCache: ReturnType<typeof loadSchema> | undefined;
function schema() {
  if (schemaCache === undefined) schemaCache = loadSchema();
  return schemaCache;
}

export const BASE = 'https://pve.test:8006/api2/json';

export interface Answer {
  status: number;
  statusText: string;
  body: any;
}

// the clock of the simulator started last (one per test)
let clock = new VirtualClock();

/** Polls fn every 5 ms of virtual time until it answers, for at most ms of virtual time. */
export async function waitFor<T>(fn: () => Promise<T | undefined | false>, ms = 3000): Promise<T> {
  const end = clock.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (clock.now() > end) throw new Error('condition not reached in time');
    await clock.sleep(5);
  }
}

export interface Api {
  sim: Simulator;
  /** the simulator's virtual clock: advance() it to let tasks run */
  clock: VirtualClock;
  call(
    method: string,
    path: string,
    params?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<Answer>;
  get(path: string, params?: Record<string, unknown>): Promise<any>;
  post(path: string, params?: Record<string, unknown>): Promise<any>;
  put(path: string, params?: Record<string, unknown>): Promise<any>;
  del(path: string, params?: Record<string, unknown>): Promise<any>;
  run(method: string, path: string, params?: Record<string, unknown>): Promise<{ exitstatus: string; lines: string[] }>;
  waitTask(upid: string): Promise<{ exitstatus: string; lines: string[] }>;
}

const server = setupServer();
const sims: Simulator[] = [];

export function useMsw(): void {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    for (const s of sims.splice(0)) s.close();
  });
  afterAll(() => server.close());
}

export function startSim(opts: SimOptions = {}): Api {
  clock = new VirtualClock();
  const sim = createSimulator({ taskMs: 20, seed: 7, schema: schema(), clock: clock.forSimulator(), ...opts });
  const simClock = clock;
  sims.push(sim);
  server.resetHandlers(...sim.handlers);
  const auth = { authorization: `PVEAPIToken=${sim.token}` };
  const call: Api['call'] = async (method, path, params = {}, headers = auth) => {
    const qs = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
    const body = method === 'GET' || method === 'DELETE' ? undefined : qs;
    const url = `${BASE}${path}${body === undefined && qs ? `?${qs}` : ''}`;
    const h: Record<string, string> = { ...headers };
    if (body !== undefined) h['content-type'] = 'application/x-www-form-urlencoded';
    const res = await simClock.track(fetch(url, { method, headers: h, body }));
    const text = await res.text();
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* keep text */
    }
    return { status: res.status, statusText: res.statusText, body: parsed };
  };
  const ok = async (method: string, path: string, params?: Record<string, unknown>) => {
    const r = await call(method, path, params);
    if (r.status !== 200) throw new Error(`${method} ${path}: ${r.status} ${r.statusText}`);
    return r.body.data;
  };
  return {
    sim,
    clock: simClock,
    call,
    get: (p, params) => ok('GET', p, params),
    post: (p, params) => ok('POST', p, params),
    put: (p, params) => ok('PUT', p, params),
    del: (p, params) => ok('DELETE', p, params),
    async run(method, p, params) {
      return this.waitTask(await ok(method, p, params));
    },
    async waitTask(upid) {
      const node = upid.split(':')[1];
      const enc = encodeURIComponent(upid);
      for (let i = 0; i < 500; i++) {
        const s = await ok('GET', `/nodes/${node}/tasks/${enc}/status`);
        if (s.status === 'stopped') {
          const log = await ok('GET', `/nodes/${node}/tasks/${enc}/log`, { limit: 0 });
          return { exitstatus: s.exitstatus, lines: log.map((l: { t: string }) => l.t) };
        }
        await simClock.sleep(5);
      }
      throw new Error(`task ${upid} did not finish`);
    },
  };
}
