// Output side of the Perl → JS regex translation. Capture groups are emitted as tokens and
// numbered only at the end, because emulating atomic groups/possessive quantifiers inserts new
// capture groups (for `(?=(X))\N`) in front of ones already emitted.
import { PerlRegexError, jsChar, otherCase } from './perl-regex-chars.js';

type Tok = string | { open: number; name?: string } | { ref: number } | { perlRef: number };

export interface Flags {
  i: boolean;
  s: boolean;
  m: boolean;
}
export const NO_FLAGS: Flags = { i: false, s: false, m: false };

export class Emitter {
  private readonly out: Tok[] = [];
  private nextId = 0;
  /** ids of the pattern's own capture groups, in Perl numbering order */
  readonly perlGroups: number[] = [];
  /** index in the output where the most recent quantifiable atom starts (-1: none) */
  lastAtom = -1;
  flags: Flags = NO_FLAGS;

  get length(): number {
    return this.out.length;
  }

  /** Text that cannot be quantified (anchors, `|`, group openers). */
  raw(text: string): void {
    this.out.push(text);
  }

  anchor(text: string): void {
    this.out.push(text);
    this.lastAtom = -1;
  }

  atom(text: string): void {
    this.lastAtom = this.out.length;
    this.out.push(text);
  }

  literal(cp: number): void {
    const alt = this.flags.i ? otherCase(cp) : null;
    this.atom(alt === null ? jsChar(cp) : `[${jsChar(cp)}${jsChar(alt)}]`);
  }

  /** Opens a capture group; `perl` marks one the source pattern itself wrote. */
  openCapture(perl: boolean, name?: string): number {
    const id = this.nextId++;
    if (perl) this.perlGroups.push(id);
    this.out.push(name ? { open: id, name } : { open: id });
    return id;
  }

  /** Start of `(?:(?=(` … `))\N)`, the exact JS equivalent of Perl's atomic `(?>` … `)`. */
  openAtomic(): number {
    this.out.push('(?:(?=');
    return this.openCapture(false);
  }

  closeAtomic(id: number): void {
    this.out.push(')', ')', { ref: id }, ')');
  }

  backref(perlNumber: number): void {
    this.lastAtom = this.out.length;
    this.out.push({ perlRef: perlNumber });
  }

  quantify(q: string, mode: '' | 'lazy' | 'possessive'): void {
    if (this.lastAtom < 0) throw new PerlRegexError('quantifier follows nothing');
    if (mode !== 'possessive') {
      this.out.push(mode === 'lazy' ? q + '?' : q);
      return;
    }
    // X*+ behaves like (?>X*)
    const body = this.out.splice(this.lastAtom);
    this.lastAtom = this.out.length;
    const id = this.openAtomic();
    this.out.push(...body, q);
    this.closeAtomic(id);
  }

  render(): string {
    const numbers = new Map<number, number>();
    let n = 0;
    for (const t of this.out) if (typeof t === 'object' && 'open' in t) numbers.set(t.open, ++n);
    return this.out
      .map((t) => {
        if (typeof t === 'string') return t;
        if ('open' in t) return t.name ? `(?<${t.name}>` : '(';
        const id = 'ref' in t ? t.ref : this.perlGroups[t.perlRef - 1];
        if (id === undefined) throw new PerlRegexError('reference to a non-existent group');
        return `(?:\\${numbers.get(id)})`;
      })
      .join('');
  }
}
