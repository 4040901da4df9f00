// Translates the Perl regular expressions found in apidoc.json `pattern`s into JavaScript.
// PVE stringifies qr// objects, so patterns contain `(?^:…)`/`(?^i:…)` groups, atomic groups,
// `{,N}` quantifiers and Perl anchors. Semantics kept: `$` also matches before a final "\n",
// `.` excludes only "\n" (Perl without /s), case-insensitive groups are expanded into classes
// (Node 20 has no inline flags), and atomic groups / possessive quantifiers are emulated
// exactly with `(?:(?=(X))\N)`, which also keeps them free of catastrophic backtracking.
import { PerlRegexError, readCharEscape } from './perl-regex-chars.js';
import { translateClass } from './perl-regex-class.js';
import { Emitter } from './perl-regex-emit.js';
import { closeGroup, escapeNonChar, openGroup, type OpenGroup } from './perl-regex-groups.js';

export { PerlRegexError } from './perl-regex-chars.js';

const BRACES = /^\{\s*(\d*)\s*(,?)\s*(\d*)\s*\}/;

/** `{n}`, `{n,}`, `{n,m}` or (Perl ≥ 5.34) `{,m}` at the start of `rest`, as JS text. */
function braceQuantifier(rest: string): { q: string; len: number } | null {
  const m = BRACES.exec(rest);
  if (!m || (m[1] === '' && !(m[2] && m[3] !== ''))) return null; // otherwise a literal "{"
  return { q: m[2] ? `{${m[1] || '0'},${m[3]}}` : `{${m[1]}}`, len: m[0].length };
}

export function translatePerlRegex(src: string): string {
  const em = new Emitter();
  const groups: OpenGroup[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    const braces = c === '{' ? braceQuantifier(src.slice(i)) : null;
    if (c === '*' || c === '+' || c === '?' || braces) {
      const end = i + (braces ? braces.len : 1);
      const next = src[end];
      em.quantify(braces ? braces.q : c, next === '?' ? 'lazy' : next === '+' ? 'possessive' : '');
      i = next === '?' || next === '+' ? end + 1 : end;
    } else if (c === '\\') {
      const e = readCharEscape(src, i, false);
      if (!e) {
        i = escapeNonChar(src, i, em);
        continue;
      }
      if ('raw' in e.atom) em.atom(e.atom.raw);
      else em.literal(e.atom.cp);
      i = e.end;
    } else if (c === '[') {
      const r = translateClass(src, i, em.flags.i);
      em.atom(r.text);
      i = r.end;
    } else if (c === '(') {
      i = openGroup(src, i, em, groups);
    } else {
      i++;
      if (c === ')') closeGroup(em, groups);
      else if (c === '|') em.anchor('|');
      else if (c === '.') em.atom(em.flags.s ? '[\\s\\S]' : '[^\\n]');
      else if (c === '^') em.anchor(em.flags.m ? '(?:^|(?<=\\n))' : '^');
      else if (c === '$') em.anchor(em.flags.m ? '(?=\\n|$)' : '(?=\\n?$)');
      else em.literal(c.charCodeAt(0));
    }
  }
  if (groups.length) throw new PerlRegexError('unterminated group');
  return em.render();
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
