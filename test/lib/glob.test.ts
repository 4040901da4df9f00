import { describe, expect, it } from 'vitest';
import { globMatcher } from '../../src/lib/glob.js';

describe('globMatcher', () => {
  it.each([
    ['web-*', 'web-1', true],
    ['web-*', 'web-', true],
    ['web-*', 'xweb-1', false],
    ['web-?', 'web-12', false],
    ['web-?', 'web-2', true],
    ['*-1', 'db-1', true],
    ['*', '', true],
    ['Web-*', 'web-1', false],
    ['a.b', 'axb', false],
    ['a.b', 'a.b', true],
    ['(x)+[y]', '(x)+[y]', true],
    ['db', 'db-1', false],
  ])('%s matches %s: %s', (glob, name, expected) => {
    expect(globMatcher(glob)(name)).toBe(expected);
  });
});
