// Deterministic pseudo-random numbers (mulberry32) so seeded runs give the same MACs/IPs/stats.

export type Rng = () => number;

// Each generator's state, so that a sequence can be replayed later from where it stood
// (model/generated.ts builds a generated guest's strings only when first asked for).
const states = new WeakMap<Rng, { get: () => number; skip: (n: number) => void }>();
const STEP = 0x6d2b79f5; // each draw adds this to the state

export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const rng = () => {
    a = (a + STEP) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const skip = (n: number) => {
    a = (a + Math.imul(STEP, n)) >>> 0;
  };
  states.set(rng, { get: () => a, skip });
  return rng;
}

// createRng(rngState(r)) yields what r yields from now on.
export function rngState(rng: Rng): number {
  const state = states.get(rng);
  if (!state) throw new Error('not a generator made by createRng');
  return state.get();
}

// The state n draws later, without drawing: as n calls of rng() whose values nobody needs.
export function skipDraws(rng: Rng, n: number): void {
  const state = states.get(rng);
  if (!state) throw new Error('not a generator made by createRng');
  state.skip(n);
}

export function randInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

// one rng() per byte, as ever: seeded runs keep their identifiers
export function hex(rng: Rng, bytes: number): string {
  let s = '';
  for (let i = 0; i < bytes; i++) s += BYTE_HEX[randInt(rng, 0, 255)]!;
  return s;
}

// A string built by concatenation is a tree of pieces in V8 (~370 bytes for a UUID made of
// slices); reading a character flattens it into one piece (~66 bytes). At 100,000 guests with a
// dozen such strings each, that is most of the seed's heap.
export function flat<T>(v: T): T {
  if (typeof v === 'string') v.charCodeAt(0);
  return v;
}

// Flattens every string value of a config in place (see flat).
export function flatValues<T extends Record<string, unknown>>(o: T): T {
  for (const k in o) flat(o[k]);
  return o;
}

export function uuid(rng: Rng): string {
  const h = hex(rng, 16);
  return flat(`${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`);
}

export function mac(rng: Rng): string {
  const h = hex(rng, 3).toUpperCase();
  return flat(`BC:24:11:${h.slice(0, 2)}:${h.slice(2, 4)}:${h.slice(4, 6)}`);
}
