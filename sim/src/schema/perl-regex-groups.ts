// Group openers `(?…` and the escapes that are not single characters (anchors, backrefs, \Q).
import { type Emitter, type Flags, NO_FLAGS } from './perl-regex-emit.js';
import { PerlRegexError } from './perl-regex-chars.js';

export interface OpenGroup {
  start: number;
  atomicId?: number;
  saved: Flags;
}

function applyFlags(spec: string, base: Flags): Flags {
  const f = { ...base };
  let on = true;
  for (const ch of spec) {
    if (ch === '-') on = false;
    else if (ch === 'i' || ch === 's' || ch === 'm') f[ch] = on;
    else if (!'adlupon'.includes(ch)) throw new PerlRegexError(`unsupported flag '${ch}'`); // x changes parsing
  }
  return f;
}

/** Handles `(` at src[at]; pushes onto `groups` unless it was a flag-only `(?i)`. Returns the new index. */
export function openGroup(src: string, at: number, em: Emitter, groups: OpenGroup[]): number {
  const rest = src.slice(at);
  const saved = em.flags;
  const start = em.length;
  let m: RegExpExecArray | null;
  if (!rest.startsWith('(?')) {
    em.openCapture(true);
    groups.push({ start, saved });
    return at + 1;
  }
  if ((m = /^\(\?(\^?)([a-z]*(?:-[a-z]*)?)([:)])/.exec(rest))) {
    em.flags = applyFlags(m[2]!, m[1] ? NO_FLAGS : em.flags);
    if (m[3] === ')') return at + m[0].length; // (?i) lasts until the enclosing group ends
    em.raw('(?:');
  } else if ((m = /^\(\?>/.exec(rest))) {
    groups.push({ start, saved, atomicId: em.openAtomic() });
    return at + m[0].length;
  } else if ((m = /^\(\?(?:P?<([A-Za-z_]\w*)>|'([A-Za-z_]\w*)')/.exec(rest))) {
    em.openCapture(true, m[1] ?? m[2]);
  } else if ((m = /^\(\?(?:=|!|<=|<!)/.exec(rest))) {
    em.raw(m[0]);
  } else if ((m = /^\(\?#[^)]*\)/.exec(rest))) {
    return at + m[0].length;
  } else if ((m = /^\(\?P=([A-Za-z_]\w*)\)/.exec(rest))) {
    em.atom(`\\k<${m[1]}>`);
    return at + m[0].length;
  } else {
    throw new PerlRegexError(`unsupported group syntax near '${rest.slice(0, 6)}'`);
  }
  groups.push({ start, saved });
  return at + m[0].length;
}

/** Handles `)`: restores flags and makes the whole group the atom a quantifier applies to. */
export function closeGroup(em: Emitter, groups: OpenGroup[]): void {
  const g = groups.pop();
  if (!g) throw new PerlRegexError('unmatched )');
  if (g.atomicId !== undefined) em.closeAtomic(g.atomicId);
  else em.raw(')');
  em.flags = g.saved;
  em.lastAtom = g.start;
}

/** Escapes that are not characters: \A \z \Z \b \B \Q…\E, backreferences. Returns the new index. */
export function escapeNonChar(s: string, at: number, em: Emitter): number {
  const c = s[at + 1]!;
  const rest = s.slice(at);
  let m: RegExpExecArray | null;
  const anchors: Record<string, string> = { A: '^', z: '$', Z: '(?=\\n?$)', b: '\\b', B: '\\B' };
  if (anchors[c]) {
    em.anchor(anchors[c]!);
    return at + 2;
  }
  if (c === 'E') return at + 2;
  if (c === 'Q') {
    const endQ = s.indexOf('\\E', at + 2);
    const text = s.slice(at + 2, endQ < 0 ? s.length : endQ);
    for (let k = 0; k < text.length; k++) em.literal(text.charCodeAt(k));
    return endQ < 0 ? s.length : endQ + 2;
  }
  if ((m = /^\\(?:g\{?(-?\d+)\}?|([1-9]\d*))/.exec(rest))) {
    const n = Number(m[2] ?? m[1]);
    em.backref(n < 0 ? em.perlGroups.length + n + 1 : n);
    return at + m[0].length;
  }
  if ((m = /^\\(?:k<(\w+)>|k'(\w+)'|k\{(\w+)\}|g\{([A-Za-z_]\w*)\})/.exec(rest))) {
    em.atom(`\\k<${m[1] ?? m[2] ?? m[3] ?? m[4]}>`);
    return at + m[0].length;
  }
  throw new PerlRegexError(`unsupported escape \\${c}`);
}
