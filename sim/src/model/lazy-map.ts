// A Map whose middle part is "slots": entries that exist only as an index into compact arrays
// (model/generated.ts) until something asks for them, when they become objects for good. It
// keeps a Map's order: entries set before the slots came, the slots in order, then later ones
// (a deleted slot whose key is set again goes to the end, as delete + set does in a Map).
export interface Slots<K, V> {
  readonly count: number;
  /** the slot a key names, or -1 */
  slotOf(key: K): number;
  keyOf(slot: number): K;
  make(slot: number): V;
}

const UNTOUCHED = 0;
const MADE = 1;
const GONE = 2;

export class LazyMap<K, V extends object> {
  private readonly head = new Map<K, V>();
  private readonly tail = new Map<K, V>();
  private readonly made = new Map<number, V>();
  private slots: Slots<K, V> | undefined;
  private state = new Uint8Array(0);
  private live = 0;

  /** From now on the slots sit after every entry set so far. */
  attach(slots: Slots<K, V>): void {
    this.slots = slots;
    this.state = new Uint8Array(slots.count);
    this.live = slots.count;
  }

  private slot(key: K): number {
    const s = this.slots ? this.slots.slotOf(key) : -1;
    return s >= 0 && this.state[s] !== GONE ? s : -1;
  }

  /** The object of a slot, made now if it was untouched. */
  materialise(s: number): V {
    if (this.state[s] === MADE) return this.made.get(s)!;
    const v = this.slots!.make(s);
    this.made.set(s, v);
    this.state[s] = MADE;
    return v;
  }

  get(key: K): V | undefined {
    const v = this.head.get(key);
    if (v !== undefined) return v;
    const s = this.slot(key);
    return s >= 0 ? this.materialise(s) : this.tail.get(key);
  }

  has(key: K): boolean {
    return this.head.has(key) || this.slot(key) >= 0 || this.tail.has(key);
  }

  set(key: K, v: V): this {
    const s = this.slots && !this.head.has(key) ? this.slot(key) : -1;
    if (!this.slots || this.head.has(key)) this.head.set(key, v);
    else if (s >= 0) {
      this.made.set(s, v);
      this.state[s] = MADE;
    } else this.tail.set(key, v);
    return this;
  }

  delete(key: K): boolean {
    if (this.head.delete(key)) return true;
    const s = this.slot(key);
    if (s < 0) return this.tail.delete(key);
    this.state[s] = GONE;
    this.made.delete(s);
    this.live--;
    return true;
  }

  clear(): void {
    this.head.clear();
    this.tail.clear();
    this.made.clear();
    this.state.fill(GONE);
    this.live = 0;
  }

  forEach(f: (v: V, key: K) => void): void {
    for (const [key, v] of this.entries()) f(v, key);
  }

  get size(): number {
    return this.head.size + this.live + this.tail.size;
  }

  /** Every entry in order, an untouched slot as its number (nothing is built). */
  *scan(): IterableIterator<V | number> {
    yield* this.head.values();
    for (let s = 0; s < this.state.length; s++) {
      if (this.state[s] === UNTOUCHED) yield s;
      else if (this.state[s] === MADE) yield this.made.get(s)!;
    }
    yield* this.tail.values();
  }

  /** Whether a slot is still untouched (an object has not been made of it). */
  untouched(slot: number): boolean {
    return this.state[slot] === UNTOUCHED;
  }

  /** Whether the slots [from, to) are all untouched. */
  untouchedRun(from: number, to: number): boolean {
    for (let s = from; s < to; s++) if (this.state[s] !== UNTOUCHED) return false;
    return true;
  }

  *keys(): IterableIterator<K> {
    yield* this.head.keys();
    for (let s = 0; s < this.state.length; s++) if (this.state[s] !== GONE) yield this.slots!.keyOf(s);
    yield* this.tail.keys();
  }

  // Makes every slot an object: for the rare callers that look at everything.
  *values(): IterableIterator<V> {
    for (const v of this.scan()) yield typeof v === 'number' ? this.materialise(v) : v;
  }

  *entries(): IterableIterator<[K, V]> {
    yield* this.head.entries();
    for (let s = 0; s < this.state.length; s++) {
      if (this.state[s] !== GONE) yield [this.slots!.keyOf(s), this.materialise(s)];
    }
    yield* this.tail.entries();
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }
}
