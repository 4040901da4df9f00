// Translates the Perl regular expressions found in apidoc.json `pattern`s into JavaScript.
// PVE stringifies qr// objects, so patterns contain `(?^:…)`/`(?^i:…)` groups, atomic groups,
// `{,N}` quantifiers and Perl anchors. Semantics kept: `$` also matches before a final "\n"
// and `.` excludes only "\n" (Perl without /s); atomic groups and possessive quantifiers are
// emulated exactly with `(?:(?=(X))\N)`, which also keeps them free of catastrophic backtracking.
import { PerlRegexError, jsChar, otherCase, readCharEscape, translateClass } from './perl-regex-class.js';

export { PerlRegexError } from './perl-regex-class.js';

type Tok = string | { open: number; name?: string } | { ref: number } | { origRef: number };
interface Flags { i: boolean; s: boolean; m: boolean }
interface Group { start: number; atomicId?: number; saved: Flags }

const QUANT_BRACES = /^\{\s*(\d*)\s*(,?)\s*(\d*)\s*\}/;

export function translatePerlRegex(src: string): string {
  const out: Tok[] = [];
  const groups: Group[] = [];
  const perlGroups: number[] = []; // ids of the pattern's own capture groups, in Perl numbering
  let nextId = 0;
  let flags: Flags = { i: false, s: false, m: false };
  let lastAtom = -1; // index in `out` where the most recent quantifiable atom starts
  let i = 0;

  const atom = (text: string): void => { lastAtom = out.length; out.push(text); };
  const literal = (cp: number): void => {
    const alt = flags.i ? otherCase(cp) : null;
    atom(alt === null ? jsChar(cp) : `[${jsChar(cp)}${jsChar(alt)}]`);
  };
  const applyFlags = (spec: string, base: Flags): Flags => {
    const f = { ...base };
    let on = true;
    for (const ch of spec) {
      if (ch === '-') on = false;
      else if (ch === 'i' || ch === 's' || ch === 'm') f[ch] = on;
      else if (!'adlupon'.includes(ch)) throw new PerlRegexError(`unsupported flag '${ch}'`);
    }
    return f;
  };

  while (i < src.length) {
    const c = src[i]!;
    if (c === '\\') {
      const e = readCharEscape(src, i, false);
      if (e) {
        if ('raw' in e.atom) atom(e.atom.raw); else literal(e.atom.cp);
        i = e.end;
        continue;
      }
      i = escapeNonChar(src, i);
      continue;
    }
    if (c === '[') {
      const r = translateClass(src, i, flags.i);
      atom(r.text);
      i = r.end;
      continue;
    }
    if (c === '(') {
      i = openGroup(i);
      continue;
    }
    if (c === ')') {
      const g = groups.pop();
      if (!g) throw new PerlRegexError('unmatched )');
      if (g.atomicId !== undefined) out.push(')', ')', { ref: g.atomicId }, ')'); else out.push(')');
      flags = g.saved;
      lastAtom = g.start;
      i++;
      continue;
    }
    if (c === '*' || c === '+' || c === '?' || (c === '{' && QUANT_BRACES.test(src.slice(i)) && validBraces(src.slice(i)))) {
      i = quantifier(i);
      continue;
    }
    i++;
    if (c === '|') { out.push('|'); lastAtom = -1; }
    else if (c === '.') atom(flags.s ? '[\\s\\S]' : '[^\\n]');
    else if (c === '^') { out.push(flags.m ? '(?:^|(?<=\\n))' : '^'); lastAtom = -1; }
    else if (c === '$') { out.push(flags.m ? '(?=\\n|$)' : '(?=\\n?$)'); lastAtom = -1; }
    else literal(c.charCodeAt(0));
  }
  if (groups.length) throw new PerlRegexError('unterminated group');
  return render();

  function validBraces(rest: string): boolean {
    const m = QUANT_BRACES.exec(rest)!;
    return m[1] !== '' || (m[2] === ',' && m[3] !== '');
  }

  function quantifier(at: number): number {
    let q: string;
    let end: number;
    if (src[at] === '{') {
      const m = QUANT_BRACES.exec(src.slice(at))!;
      q = m[2] ? `{${m[1] || '0'},${m[3]}}` : `{${m[1]}}`;
      end = at + m[0].length;
    } else {
      q = src[at]!;
      end = at + 1;
    }
    if (lastAtom < 0) throw new PerlRegexError('quantifier follows nothing');
    if (src[end] === '?') { out.push(q + '?'); return end + 1; }
    if (src[end] === '+') { // possessive: X*+ behaves like (?>X*)
      const body = out.splice(lastAtom);
      const id = nextId++;
      lastAtom = out.length;
      out.push('(?:(?=', { open: id }, ...body, q, ')', ')', { ref: id }, ')');
      return end + 1;
    }
    out.push(q);
    return end;
  }

  function openGroup(at: number): number {
    const rest = src.slice(at);
    const saved = flags;
    const start = out.length;
    let m: RegExpExecArray | null;
    if (!rest.startsWith('(?')) {
      const id = nextId++;
      perlGroups.push(id);
      out.push({ open: id });
      groups.push({ start, saved });
      return at + 1;
    }
    if ((m = /^\(\?\^([a-z]*):/.exec(rest)) || (m = /^\(\?([a-z]*(?:-[a-z]*)?):/.exec(rest))) {
      flags = applyFlags(m[1]!, rest[2] === '^' ? { i: false, s: false, m: false } : flags);
      out.push('(?:');
    } else if ((m = /^\(\?\^?([a-z]*(?:-[a-z]*)?)\)/.exec(rest))) {
      flags = applyFlags(m[1]!, rest[2] === '^' ? { i: false, s: false, m: false } : flags);
      return at + m[0].length; // (?i) changes flags until the end of the enclosing group
    } else if ((m = /^\(\?>/.exec(rest))) {
      const id = nextId++;
      out.push('(?:(?=', { open: id });
      groups.push({ start, saved, atomicId: id });
      return at + m[0].length;
    } else if ((m = /^\(\?(?:P?<([A-Za-z_]\w*)>|'([A-Za-z_]\w*)')/.exec(rest))) {
      const id = nextId++;
      perlGroups.push(id);
      out.push({ open: id, name: m[1] ?? m[2]! });
    } else if ((m = /^\(\?(?::|=|!|<=|<!)/.exec(rest))) {
      out.push(m[0]);
    } else if ((m = /^\(\?#[^)]*\)/.exec(rest))) {
      return at + m[0].length;
    } else if ((m = /^\(\?P=([A-Za-z_]\w*)\)/.exec(rest))) {
      atom(`\\k<${m[1]}>`);
      return at + m[0].length;
    } else {
      throw new PerlRegexError(`unsupported group syntax near '${rest.slice(0, 6)}'`);
    }
    groups.push({ start, saved });
    return at + m[0].length;
  }

  function escapeNonChar(s: string, at: number): number {
    const c = s[at + 1]!;
    const rest = s.slice(at);
    let m: RegExpExecArray | null;
    if (c === 'A') { out.push('^'); lastAtom = -1; return at + 2; }
    if (c === 'z') { out.push('$'); lastAtom = -1; return at + 2; }
    if (c === 'Z') { out.push('(?=\\n?$)'); lastAtom = -1; return at + 2; }
    if (c === 'b' || c === 'B') { out.push('\\' + c); lastAtom = -1; return at + 2; }
    if (c === 'E') return at + 2;
    if (c === 'Q') {
      const endQ = s.indexOf('\\E', at + 2);
      const text = s.slice(at + 2, endQ < 0 ? s.length : endQ);
      for (let k = 0; k < text.length; k++) literal(text.charCodeAt(k));
      return endQ < 0 ? s.length : endQ + 2;
    }
    if ((m = /^\\(?:g\{?(-?\d+)\}?|([1-9]\d*))/.exec(rest))) {
      const n = m[2] ? Number(m[2]) : Number(m[1]);
      const abs = n < 0 ? perlGroups.length + n + 1 : n;
      lastAtom = out.length;
      out.push({ origRef: abs });
      return at + m[0].length;
    }
    if ((m = /^\\(?:k<(\w+)>|k'(\w+)'|k\{(\w+)\}|g\{([A-Za-z_]\w*)\})/.exec(rest))) {
      atom(`\\k<${m[1] ?? m[2] ?? m[3] ?? m[4]}>`);
      return at + m[0].length;
    }
    throw new PerlRegexError(`unsupported escape \\${c}`);
  }

  function render(): string {
    const numbers = new Map<number, number>();
    let n = 0;
    for (const t of out) if (typeof t === 'object' && 'open' in t) numbers.set(t.open, ++n);
    return out.map((t) => {
      if (typeof t === 'string') return t;
      if ('open' in t) return t.name ? `(?<${t.name}>` : '(';
      const id = 'ref' in t ? t.ref : perlGroups[t.origRef - 1];
      if (id === undefined) throw new PerlRegexError('reference to a non-existent group');
      return `(?:\\${numbers.get(id)})`;
    }).join('');
  }
}

const compiled = new Map<string, RegExp | null>();

/** Patterns that could not be translated (their check is skipped rather than guessed). */
export const untranslatablePatterns = new Set<string>();

/** The schema pattern anchored the way PVE uses it (`^(?:pat)$`), compiled once; null if unusable. */
export function pvePattern(pattern: string): RegExp | null {
  let re = compiled.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(translatePerlRegex(`^(?:${pattern})$`));
    } catch {
      untranslatablePatterns.add(pattern);
      re = null;
    }
    compiled.set(pattern, re);
  }
  return re;
}
