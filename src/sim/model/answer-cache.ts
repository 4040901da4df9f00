// Big listings (/cluster/resources of 100,000 guests: 32 MB of JSON) are built, serialised and
// gzipped once and served again until the state changes (SimState.generation) or one of the
// uptimes in them ticks over to the next second; every later request costs a buffer copy.
import { gzipSync } from 'node:zlib';
import type { SimState } from './state.js';
import { jsonBytesResponse } from '../http.js';

interface Slot {
  generation: number;
  validUntil: number; // epoch ms on the simulator's clock
  builtAt: number; // a virtual clock may be set back
  body: Buffer; // the JSON answer, as okResponse would send it
  gzip?: Buffer; // made on the first request that accepts gzip
}

const slots = new WeakMap<SimState, Map<string, Slot>>();
// Answers whose gzip form is at hand: the HTTPS transport sends it instead of compressing again.
const gzipped = new WeakMap<Response, () => Buffer>();

export function precompressed(res: Response): (() => Buffer) | undefined {
  return gzipped.get(res);
}

// The first instant at which floor((t - origin) / 1000) differs from its value at `now`.
export function nextSecond(origin: number, now: number): number {
  return origin + (Math.floor((now - origin) / 1000) + 1) * 1000;
}

export interface Built {
  data: unknown;
  validUntil: number; // the earliest nextSecond() of every uptime in data (Infinity: none)
}

export function cachedAnswer(st: SimState, key: string, now: number, build: () => Built): Response {
  let bySt = slots.get(st);
  if (!bySt) slots.set(st, (bySt = new Map()));
  let slot = bySt.get(key);
  if (!slot || slot.generation !== st.generation || now >= slot.validUntil || now < slot.builtAt) {
    const generation = st.generation;
    const { data, validUntil } = build();
    const body = Buffer.from(JSON.stringify({ data: data ?? null }));
    slot = { generation, validUntil, body, builtAt: now };
    bySt.set(key, slot);
  }
  const s = slot;
  // the Response copies the bytes (Fetch's body extraction): the cached buffer is never handed out
  const res = jsonBytesResponse(s.body);
  // pveproxy gzips only bodies over 1 KiB (server.ts compress)
  if (s.body.length > 1024) gzipped.set(res, () => (s.gzip ??= gzipSync(s.body)));
  return res;
}
