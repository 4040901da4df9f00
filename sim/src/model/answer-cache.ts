// Big listings (/cluster/resources of 100,000 guests: 32 MB of JSON) are built and serialised
// once per state generation (SimState.generation) into a template whose uptimes are holes; each
// second only the uptimes are written into a copy of it, and that copy is gzipped once when asked.
import { constants, gzipSync } from 'node:zlib';
import type { SimState } from './state.js';
import { jsonBytesResponse } from '../http.js';

// The first instant at which floor((t - origin) / 1000) differs from its value at `now`.
export function nextSecond(origin: number, now: number): number {
  return origin + (Math.floor((now - origin) / 1000) + 1) * 1000;
}

const MARK = -900_000_000_000_000; // uptime placeholders: MARK - i, unique in the JSON text

// The uptimes of an answer being built: each is max(0, floor((t - origin) / 1000)) at time t.
export class Uptimes {
  readonly origins: number[] = [];
  validUntil = Infinity; // when the template itself goes stale (not only its uptimes)

  hole(origin: number): number {
    this.origins.push(origin);
    return MARK - (this.origins.length - 1);
  }
}

interface Template {
  generation: number;
  validUntil: number;
  builtAt: number; // a virtual clock may be set back
  bytes: Buffer; // the JSON text with placeholders
  cuts: Int32Array; // [start, end) byte range of the k-th placeholder in the text at 2k, 2k+1
  order: Int32Array; // which origin the k-th placeholder stands for
  origins: number[];
  filled?: Filled;
}

interface Filled {
  validUntil: number; // the next second at which one of the uptimes moves
  builtAt: number;
  body: Buffer;
  gzip?: Buffer;
}

const templates = new WeakMap<SimState, Map<string, Template>>();
// Answers whose bytes (and gzip form) are at hand: the HTTPS transport sends them as they are.
const prebuilt = new WeakMap<Response, Filled>();

export function prebuiltBody(res: Response, accept = ''): { body: Buffer; encoding?: string } | undefined {
  const f = prebuilt.get(res);
  const gzip = /gzip/.test(accept);
  if (!f || (!gzip && /deflate/.test(accept))) return undefined; // deflate: as any other answer
  // pveproxy gzips bodies over 1 KiB (server.ts compress); level 1 here: 32 MB at level 6 costs
  // ~0.4 s of CPU, level 1 less than half, and a client cannot tell the difference
  if (!gzip || f.body.length <= 1024) return { body: f.body };
  return { body: (f.gzip ??= gzipSync(f.body, { level: constants.Z_BEST_SPEED })), encoding: 'gzip' };
}

export function cachedAnswer(st: SimState, key: string, now: number, build: (u: Uptimes) => unknown): Response {
  let bySt = templates.get(st);
  if (!bySt) templates.set(st, (bySt = new Map()));
  let t = bySt.get(key);
  if (!t || t.generation !== st.generation || now >= t.validUntil || now < t.builtAt) {
    const generation = st.generation;
    const u = new Uptimes();
    const data = build(u);
    t = { generation, ...template(JSON.stringify({ data: data ?? null }), u.origins), builtAt: now };
    t.validUntil = u.validUntil;
    bySt.set(key, t);
  }
  let f = t.filled;
  if (!f || now >= f.validUntil || now < f.builtAt) f = t.filled = fill(t, now);
  const res = jsonBytesResponse(f.body);
  prebuilt.set(res, f);
  return res;
}

// Holes appear in text order, which need not be the order they were made in (pools come first).
function template(text: string, origins: number[]): Omit<Template, 'generation' | 'builtAt'> {
  const cuts = new Int32Array(origins.length * 2);
  const order = new Int32Array(origins.length); // the hole at text position k is origins[order[k]]
  const re = /-9(\d{14})/g;
  let from = 0; // in characters
  let byte = 0; // the same place in UTF-8 bytes
  let k = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const i = MARK - Number(m[0]);
    if (i < 0 || i >= origins.length || String(MARK - i) !== m[0]) continue;
    byte += Buffer.byteLength(text.slice(from, m.index));
    order[k] = i;
    cuts[2 * k] = byte;
    cuts[2 * k + 1] = byte += m[0].length;
    from = m.index + m[0].length;
    k++;
  }
  if (k !== origins.length) throw new Error(`${origins.length - k} uptime placeholders missing from the answer`);
  return { validUntil: Infinity, bytes: Buffer.from(text), cuts, order, origins };
}

function fill(t: Template, now: number): Filled {
  const n = t.origins.length;
  const values: string[] = new Array<string>(n);
  let size = t.bytes.length;
  let validUntil = Infinity;
  for (let i = 0; i < n; i++) {
    const origin = t.origins[t.order[i]!]!;
    values[i] = String(Math.max(0, Math.floor((now - origin) / 1000)));
    size += values[i]!.length - (t.cuts[2 * i + 1]! - t.cuts[2 * i]!);
    validUntil = Math.min(validUntil, nextSecond(origin, now));
  }
  const body = Buffer.allocUnsafe(size);
  let src = 0;
  let dst = 0;
  for (let i = 0; i < n; i++) {
    dst += t.bytes.copy(body, dst, src, t.cuts[2 * i]!);
    dst += body.write(values[i]!, dst, 'latin1');
    src = t.cuts[2 * i + 1]!;
  }
  t.bytes.copy(body, dst, src);
  return { validUntil, builtAt: now, body };
}
