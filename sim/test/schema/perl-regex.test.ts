import { describe, expect, it } from 'vitest';
import { PerlRegexError, pvePattern, translatePerlRegex } from '../../src/schema/perl-regex.js';
import { allPatterns, haveSchema } from './real-schema.js';

const full = (pat: string, s: string): boolean => pvePattern(pat)!.test(s);

describe.skipIf(!haveSchema)('every pattern in apidoc.json', () => {
  it('translates and compiles as a JavaScript RegExp', () => {
    const pats = [...allPatterns()];
    expect(pats.length).toBeGreaterThan(60);
    const failures = pats.flatMap((p) => {
      try {
        new RegExp(translatePerlRegex(`^(?:${p})$`));
        return [];
      } catch (e) {
        return [`${p}: ${(e as Error).message}`];
      }
    });
    expect(failures).toEqual([]);
    for (const p of pats) expect(pvePattern(p)).toBeInstanceOf(RegExp);
  });
});

describe('Perl → JavaScript regex translation', () => {
  it('handles (?^:…) and (?^i:…) groups', () => {
    const tags = '(?^i:[a-z0-9_][a-z0-9_\\-\\+\\.]*)(?:;(?^i:[a-z0-9_][a-z0-9_\\-\\+\\.]*))*';
    expect(full(tags, 'Prod;web-1;A.B')).toBe(true);
    expect(full(tags, 'prod;-x')).toBe(false);
    // (?^:) resets an enclosing case-insensitive flag
    expect(full('(?^i:a(?^:b))', 'AB')).toBe(false);
    expect(full('(?^i:a(?^:b))', 'Ab')).toBe(true);
    expect(full('(?i)abc', 'ABC')).toBe(true);
  });

  it('turns {,N} into {0,N}', () => {
    expect(full('[A-Za-z0-9\\-_\\s]{,16}', '')).toBe(true);
    expect(full('[A-Za-z0-9\\-_\\s]{,16}', 'x'.repeat(16))).toBe(true);
    expect(full('[A-Za-z0-9\\-_\\s]{,16}', 'x'.repeat(17))).toBe(false);
    expect(full('a{x}', 'a{x}')).toBe(true); // not a quantifier: literal braces
  });

  it('emulates atomic groups and possessive quantifiers exactly (and without backtracking blow-up)', () => {
    const flags = '(?^:^((?>[+-]?[\\w\\-\\._=]+,?)+)$)';
    expect(full(flags, '+aes,-pcid')).toBe(true);
    expect(full(flags, 'a'.repeat(5000) + '!')).toBe(false); // its speed: bench/schema.mjs
    expect(full('(?>a+)a', 'aaa')).toBe(false); // the atomic group keeps every "a"
    expect(full('a++a', 'aaa')).toBe(false);
    expect(full('(?:ab)*+c', 'ababc')).toBe(true);
    expect(full('(a)(?>b)\\1', 'aba')).toBe(true); // backreferences keep Perl numbering
  });

  it('translates Perl anchors and dot semantics', () => {
    expect(full('abc', 'abc\n')).toBe(true); // Perl $ allows one final newline
    expect(full('abc', 'abc\n\n')).toBe(false);
    expect(new RegExp(translatePerlRegex('\\Aab\\z')).test('ab\n')).toBe(false);
    expect(new RegExp(translatePerlRegex('\\Aab\\Z')).test('ab\n')).toBe(true);
    expect(full('a.c', 'a\rc')).toBe(true); // Perl . only excludes \n
    expect(full('a.c', 'a\nc')).toBe(false);
  });

  it('translates POSIX classes, \\h and Perl-only escapes', () => {
    expect(full('[[:alnum:]_]+', 'ab_9')).toBe(true);
    expect(full('[[:alnum:]]+', 'a-b')).toBe(false);
    expect(full('a\\hb', 'a\tb')).toBe(true);
    expect(full('\\x{41}\\e', 'A\x1b')).toBe(true);
    expect(full('[\\w-.]+', 'a-.b')).toBe(true);
    expect(full('(?^i:[a-c]x)', 'BX')).toBe(true);
  });

  it('rejects what it cannot translate faithfully', () => {
    expect(() => translatePerlRegex('\\p{L}')).toThrow(PerlRegexError);
    expect(() => translatePerlRegex('(?x) a')).toThrow(PerlRegexError);
    expect(() => translatePerlRegex('[[:^alpha:]]')).toThrow(PerlRegexError);
    expect(pvePattern('(?x) a')).toBeNull(); // unusable patterns are skipped, not guessed
  });
});
