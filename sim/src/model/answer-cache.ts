// Big listings (/cluster/resources of 100,000 guests: 32 MB of JSON) are built once per state
// generation (SimState.generation) and serialised in parts of PER_PART entries: a template whose
// uptimes are holes. Each second only the holes are written into copies of the parts that have
// any; the copies go out one after another (never one 32 MB buffer), and their gzip form is
// made once when asked for, part by part (answer-gzip.ts), reusing parts without holes.
import type { SimState } from './state.js';
import { jsonBytesResponse } from '../http.js';
import { deflatePart, gzipOf } from './answer-gzip.js';

// The first instant at which floor((t - origin) / 1000) differs from its value at `now`.
export function nextSecond(origin: number, now: number): number {
  return origin + (Math.floor((now - origin) / 1000) + 1) * 1000;
}

const MARK = -900_000_000_000_000; // uptime placeholders: MARK - i, unique in the JSON text
const PER_PART = 1024; // entries serialised together: ~330 KB of JSON at 100,000 guests

// The uptimes of an answer being built: each is max(0, floor((t - origin) / 1000)) at time t.
export class Uptimes {
  readonly origins: number[] = [];
  validUntil = Infinity; // when the template itself goes stale (not only its uptimes)

  hole(origin: number): number {
    this.origins.push(origin);
    return MARK - (this.origins.length - 1);
  }
}

// An element of a listing that stands for several entries and whose text is kept from one build
// to the next while its key stays the same (generated-views.ts GeneratedBlock): after a change,
// only what changed is serialised again.
export abstract class StableRun {
  abstract readonly key: string; // the same key: the same text
  abstract readonly store: { key?: string; part?: unknown }; // where its text is kept meanwhile
  abstract rows(): unknown[];
}

interface Part {
  bytes: Buffer; // the JSON text with placeholders
  cuts: Int32Array; // [start, end) byte range of the k-th placeholder in the text at 2k, 2k+1
  origins: Float64Array; // the origin of the k-th placeholder
  deflated?: Buffer; // of a part without holes, which never changes
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
  gzip?: Buffer[];
}

const templates = new WeakMap<SimState, Map<string, Template>>();
// Answers whose bytes (and gzip form) are at hand: the HTTPS transport sends them as they are.
const prebuilt = new WeakMap<Response, { t: Template; f: Filled }>();

export function prebuiltBody(res: Response, accept = ''): { body: Buffer[]; encoding?: string } | undefined {
  const ready = prebuilt.get(res);
  const gzip = /gzip/.test(accept);
  if (!ready || (!gzip && /deflate/.test(accept))) return undefined; // deflate: as any other answer
  const { t, f } = ready;
  // pveproxy gzips bodies over 1 KiB (server.ts compress)
  if (!gzip || f.size <= 1024) return { body: f.parts };
  const deflated = () => f.parts.map((p, k) => (t.parts[k]!.cuts.length ? deflatePart(p) : deflatedPart(t.parts[k]!)));
  return { body: (f.gzip ??= gzipOf(f.parts, deflated())), encoding: 'gzip' };
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

const fixed = (text: string): Part => ({
  bytes: Buffer.from(text),
  cuts: new Int32Array(0),
  origins: new Float64Array(0),
});
const OPEN = fixed('{"data":[');
const COMMA = fixed(',');
const CLOSE = fixed(']}');

// `{"data":[` + the entries joined by commas + `]}`, as JSON.stringify({ data }) writes it.
function serialise(data: unknown, origins: number[]): Part[] {
  const parts: Part[] = [];
  let holes = 0; // in parts made now: each is one of `origins`
  const add = (text: string) => {
    const p = part(text, origins);
    holes += p.cuts.length / 2;
    parts.push(p);
    return p;
  };
  if (!Array.isArray(data)) add(JSON.stringify({ data: data ?? null }));
  else {
    parts.push(OPEN);
    let group: unknown[] = [];
    const flush = () => {
      if (group.length === 0) return;
      if (parts.length > 1) parts.push(COMMA);
      add(JSON.stringify(group).slice(1, -1));
      group = [];
    };
    for (const e of data) {
      if (!(e instanceof StableRun)) {
        group.push(e);
        if (group.length === PER_PART) flush();
        continue;
      }
      flush();
      if (parts.length > 1) parts.push(COMMA);
      if (e.store.key === e.key && e.store.part) parts.push(e.store.part as Part);
      else Object.assign(e.store, { key: e.key, part: add(JSON.stringify(e.rows()).slice(1, -1)) });
    }
    flush();
    parts.push(CLOSE);
  }
  if (holes !== origins.length)
    throw new Error(`${origins.length - holes} uptime placeholders missing from the answer`);
  return parts;
}

function part(text: string, origins: number[]): Part {
  const re = /-9(\d{14})/g;
  const cuts: number[] = [];
  const at: number[] = [];
  const bytes = Buffer.from(text);
  const ascii = bytes.length === text.length; // then a character's index is its byte offset
  let from = 0; // in characters
  let byte = 0; // the same place in UTF-8 bytes
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const i = MARK - Number(m[0]);
    if (i < 0 || i >= origins.length || String(MARK - i) !== m[0]) continue;
    byte = ascii ? m.index : byte + Buffer.byteLength(text.slice(from, m.index));
    at.push(origins[i]!);
    cuts.push(byte, (byte += m[0].length));
    from = m.index + m[0].length;
  }
  return { bytes, cuts: Int32Array.from(cuts), origins: Float64Array.from(at) };
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
