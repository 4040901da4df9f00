// Single-character pieces of the Perl → JavaScript regex translation: escapes, literal
// characters and case counterparts. Output targets a RegExp compiled WITHOUT the `u` flag
// (identity escapes such as `\-` are allowed there).

export const HSPACE = '\\t \\xa0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000';
export const VSPACE = '\\n\\x0b\\f\\r\\x85\\u2028\\u2029';

export class PerlRegexError extends Error {}

/** A character written so it is literal inside or outside a JS class (non-`u` mode). */
export function jsChar(cp: number): string {
  const ch = String.fromCharCode(cp);
  if (/[A-Za-z0-9]/.test(ch)) return ch;
  if (cp >= 0x20 && cp < 0x7f) return '\\' + ch;
  return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
}

/** Upper/lower counterpart of a single letter, or null. */
export function otherCase(cp: number): number | null {
  const ch = String.fromCharCode(cp);
  const lo = ch.toLowerCase();
  const up = ch.toUpperCase();
  const alt = ch === lo ? up : lo;
  return alt.length === 1 && alt !== ch ? alt.charCodeAt(0) : null;
}

export type ClassAtom = { cp: number } | { raw: string };

/**
 * Reads one escape `\X` at s[i] (the backslash) that denotes a character or a class shorthand;
 * returns null for escapes that are not character-like (assertions, backrefs) so the caller
 * can handle them. `inClass` changes `\b` (backspace in a class).
 */
export function readCharEscape(s: string, i: number, inClass: boolean): { atom: ClassAtom; end: number } | null {
  const c = s[i + 1];
  if (c === undefined) throw new PerlRegexError('trailing backslash');
  const hex = (digits: string): number => parseInt(digits || '0', 16);
  switch (c) {
    case 'd':
    case 'D':
    case 'w':
    case 'W':
    case 's':
    case 'S':
      return { atom: { raw: '\\' + c }, end: i + 2 };
    case 'h':
      return { atom: { raw: inClass ? HSPACE : `[${HSPACE}]` }, end: i + 2 };
    case 'v':
      return { atom: { raw: inClass ? VSPACE : `[${VSPACE}]` }, end: i + 2 };
    case 'H':
    case 'V':
      if (inClass) throw new PerlRegexError(`\\${c} inside a class`);
      return { atom: { raw: `[^${c === 'H' ? HSPACE : VSPACE}]` }, end: i + 2 };
    case 'n':
      return { atom: { cp: 10 }, end: i + 2 };
    case 'r':
      return { atom: { cp: 13 }, end: i + 2 };
    case 't':
      return { atom: { cp: 9 }, end: i + 2 };
    case 'f':
      return { atom: { cp: 12 }, end: i + 2 };
    case 'e':
      return { atom: { cp: 0x1b }, end: i + 2 };
    case 'a':
      return { atom: { cp: 7 }, end: i + 2 };
    case 'b':
      return inClass ? { atom: { cp: 8 }, end: i + 2 } : null;
    case 'c': {
      const l = s[i + 2];
      if (!l) throw new PerlRegexError('bad \\c escape');
      return { atom: { cp: l.toUpperCase().charCodeAt(0) ^ 64 }, end: i + 3 };
    }
    case 'x': {
      if (s[i + 2] === '{') {
        const close = s.indexOf('}', i + 3);
        if (close < 0) throw new PerlRegexError('bad \\x{} escape');
        const cp = hex(s.slice(i + 3, close).trim());
        if (cp > 0xffff) throw new PerlRegexError('code point beyond BMP');
        return { atom: { cp }, end: close + 1 };
      }
      const m = /^[0-9A-Fa-f]{0,2}/.exec(s.slice(i + 2))![0];
      return { atom: { cp: hex(m) }, end: i + 2 + m.length };
    }
    case 'o': {
      const close = s.indexOf('}', i + 3);
      if (s[i + 2] !== '{' || close < 0) throw new PerlRegexError('bad \\o escape');
      return { atom: { cp: parseInt(s.slice(i + 3, close), 8) }, end: close + 1 };
    }
    case '0': {
      const m = /^[0-7]{0,2}/.exec(s.slice(i + 2))![0];
      return { atom: { cp: parseInt('0' + m, 8) }, end: i + 2 + m.length };
    }
    case 'N':
      if (s[i + 2] === '{') throw new PerlRegexError('\\N{...} is not supported');
      if (inClass) throw new PerlRegexError('\\N inside a class');
      return { atom: { raw: '[^\\n]' }, end: i + 2 };
    case 'p':
    case 'P':
    case 'X':
    case 'C':
    case 'l':
    case 'u':
    case 'L':
    case 'U':
      throw new PerlRegexError(`\\${c} is not supported`);
    default:
      if (/[1-9gkAzZGKBbQE]/.test(c)) {
        if (inClass && /[1-7]/.test(c)) {
          // octal inside a class
          const m = /^[0-7]{1,3}/.exec(s.slice(i + 1))![0];
          return { atom: { cp: parseInt(m, 8) }, end: i + 1 + m.length };
        }
        if (inClass) throw new PerlRegexError(`\\${c} inside a class`);
        return null;
      }
      // Perl passes unknown escapes through as the literal character
      return { atom: { cp: c.charCodeAt(0) }, end: i + 2 };
  }
}
