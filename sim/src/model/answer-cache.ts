// Big listings (/cluster/resources of 100,000 guests: 32 MB of JSON) are built once per state
// generation (SimState.generation) and serialised in parts (answer-parts.ts): a template whose
// uptimes are holes. Each second only the holes are written into copies of the parts that have
// any; the copies go out one after another (never one 32 MB buffer), and their gzip form is
// made once when asked for, part by part (answer-gzip.ts), reusing parts without holes.
import type { SimState } from './state.js';
import { jsonBytesResponse } from '../http.js';
import { deflatePart, deflatePartAsync, gzipOf } from './answer-gzip.js';
import { serialise, Uptimes, type Part } from './answer-parts.js';

export { StableRun, Uptimes } from './answer-parts.js';

// The first instant at which floor((t - origin) / 1000) differs from its value at `now`.
export function nextSecond(origin: number, now: number): number {
  return origin + (Math.floor((now - origin) / 1000) + 1) * 1000;
}

interface Template {
  generation: number;
  validUntil: number;
  builtAt: number; // a virtual clock may be set back
  parts: Part[];
  filled?: Filled;
}

interface Filled {
  validUntil: number; // the next second at which one of the uptimes moves
  builtAt: number;
  parts: Buffer[];
  size: number;
  gzip?: Promise<Buffer[]>;
}

const templates = new WeakMap<SimState, Map<string, Template>>();
// Answers whose bytes (and gzip form) are at hand: the HTTPS transport sends them as they are.
const prebuilt = new WeakMap<Response, { t: Template; f: Filled }>();

export async function prebuiltBody(
  res: Response,
  accept = '',
): Promise<{ body: Buffer[]; encoding?: string } | undefined> {
  const ready = prebuilt.get(res);
  const gzip = /gzip/.test(accept);
  if (!ready || (!gzip && /deflate/.test(accept))) return undefined; // deflate: as any other answer
  const { t, f } = ready;
  // pveproxy gzips bodies over 1 KiB (server.ts compress)
  if (!gzip || f.size <= 1024) return { body: f.parts };
  // made once per second: clients asking meanwhile wait for the same one
  f.gzip ??= deflateAll(t, f).then((deflated) => gzipOf(f.parts, deflated));
  return { body: await f.gzip, encoding: 'gzip' };
}

// A few parts at a time on the thread pool: each deflate in flight holds its own ~300 KB state.
const AT_ONCE = 4;

async function deflateAll(t: Template, f: Filled): Promise<Buffer[]> {
  const out: Buffer[] = new Array<Buffer>(f.parts.length);
  let next = 0;
  const worker = async () => {
    for (let k = next++; k < f.parts.length; k = next++) {
      out[k] = t.parts[k]!.cuts.length ? await deflatePartAsync(f.parts[k]!) : deflatedPart(t.parts[k]!);
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, worker));
  return out;
}

const deflatedPart = (p: Part) => (p.deflated ??= deflatePart(p.bytes));

export function cachedAnswer(st: SimState, key: string, now: number, build: (u: Uptimes) => unknown): Response {
  let bySt = templates.get(st);
  if (!bySt) templates.set(st, (bySt = new Map()));
  let t = bySt.get(key);
  if (!t || t.generation !== st.generation || now >= t.validUntil || now < t.builtAt) {
    const generation = st.generation;
    bySt.delete(key); // the old template may go before the new one is built
    const u = new Uptimes();
    const parts = serialise(build(u), u.origins);
    t = { generation, parts, builtAt: now, validUntil: u.validUntil };
    bySt.set(key, t);
  }
  let f = t.filled;
  if (!f || now >= f.validUntil || now < f.builtAt) f = t.filled = fill(t, now);
  const res = jsonBytesResponse(f.parts);
  prebuilt.set(res, { t, f });
  return res;
}

function fill(t: Template, now: number): Filled {
  let validUntil = Infinity;
  let size = 0;
  const parts = t.parts.map((p) => {
    const n = p.origins.length;
    if (n === 0) {
      size += p.bytes.length;
      return p.bytes; // read only: answers hand out copies (http.ts jsonBytesResponse)
    }
    const values: string[] = new Array<string>(n);
    let length = p.bytes.length;
    for (let i = 0; i < n; i++) {
      const origin = p.origins[i]!;
      values[i] = String(Math.max(0, Math.floor((now - origin) / 1000)));
      length += values[i]!.length - (p.cuts[2 * i + 1]! - p.cuts[2 * i]!);
      validUntil = Math.min(validUntil, nextSecond(origin, now));
    }
    const body = Buffer.allocUnsafe(length);
    let src = 0;
    let dst = 0;
    for (let i = 0; i < n; i++) {
      dst += p.bytes.copy(body, dst, src, p.cuts[2 * i]!);
      dst += body.write(values[i]!, dst, 'latin1');
      src = p.cuts[2 * i + 1]!;
    }
    p.bytes.copy(body, dst, src);
    size += length;
    return body;
  });
  return { validUntil, builtAt: now, parts, size };
}
