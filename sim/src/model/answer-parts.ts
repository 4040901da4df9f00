// Serialising a listing for answer-cache.ts: the JSON text in parts of PER_PART entries, each
// uptime a placeholder whose byte range is noted so that a second later only it is rewritten.

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

export interface Part {
  bytes: Buffer; // the JSON text with placeholders
  cuts: Int32Array; // [start, end) byte range of the k-th placeholder in the text at 2k, 2k+1
  origins: Float64Array; // the origin of the k-th placeholder
  deflated?: Buffer; // of a part without holes, which never changes
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
export function serialise(data: unknown, origins: number[]): Part[] {
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
