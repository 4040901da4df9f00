// Bracketed character classes of the Perl → JavaScript regex translation, including POSIX
// names (`[[:alnum:]]`) and case folding for case-insensitive groups.
import { type ClassAtom, PerlRegexError, jsChar, otherCase, readCharEscape } from './perl-regex-chars.js';

const POSIX: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: '\\s',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  word: '\\w',
  cntrl: '\\x00-\\x1f\\x7f',
  graph: '!-~',
  print: ' -~',
  ascii: '\\x00-\\x7f',
};

/** Translates the bracketed class starting at s[i] === '['. */
export function translateClass(s: string, i: number, fold: boolean): { text: string; end: number } {
  let j = i + 1;
  const neg = s[j] === '^';
  if (neg) j++;
  const parts: string[] = [];
  const ranges: Array<[number, number]> = [];
  const readAtom = (): ClassAtom => {
    if (s[j] === '\\') {
      const r = readCharEscape(s, j, true);
      if (!r) throw new PerlRegexError('unsupported escape in class');
      j = r.end;
      return r.atom;
    }
    return { cp: s.charCodeAt(j++) };
  };
  let first = true;
  while (first || s[j] !== ']') {
    if (j >= s.length) throw new PerlRegexError('unterminated character class');
    first = false;
    const posix = /^\[:(\^?)([a-z]+):\]/.exec(s.slice(j));
    if (posix) {
      const body = POSIX[posix[2]!];
      if (posix[1] || body === undefined) throw new PerlRegexError(`unsupported POSIX class ${posix[0]}`);
      parts.push(fold && (posix[2] === 'upper' || posix[2] === 'lower') ? 'a-zA-Z' : body);
      j += posix[0].length;
      continue;
    }
    const a = readAtom();
    if ('raw' in a) {
      parts.push(a.raw);
      continue;
    }
    if (s[j] === '-' && s[j + 1] !== ']' && j + 1 < s.length) {
      const save = j;
      j++;
      const b = readAtom();
      if ('cp' in b) {
        if (b.cp < a.cp) throw new PerlRegexError('invalid class range');
        ranges.push([a.cp, b.cp]);
        parts.push(`${jsChar(a.cp)}-${jsChar(b.cp)}`);
        continue;
      }
      j = save; // "\w-x": the dash is literal, re-read it as a plain character
    }
    ranges.push([a.cp, a.cp]);
    parts.push(jsChar(a.cp));
  }
  if (fold) parts.push(...foldRanges(ranges));
  return { text: `[${neg ? '^' : ''}${parts.join('')}]`, end: j + 1 };
}

/** Extra class members so that the given ranges also match the other letter case. */
function foldRanges(ranges: Array<[number, number]>): string[] {
  const extra: string[] = [];
  for (const [lo, hi] of ranges) {
    for (const [a, z, delta] of [
      [97, 122, -32],
      [65, 90, 32],
    ] as const) {
      const from = Math.max(lo, a);
      const to = Math.min(hi, z);
      if (from <= to) extra.push(`${jsChar(from + delta)}-${jsChar(to + delta)}`);
    }
    if (lo === hi && lo > 0x7f) {
      const alt = otherCase(lo);
      if (alt !== null) extra.push(jsChar(alt));
    }
  }
  return extra;
}
