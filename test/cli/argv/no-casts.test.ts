// The parser boundary stays typed: commander's options reach the verbs without `as` casts (issue 7,
// 4a). The files that declare options and read commander are parsed with TypeScript's own parser,
// so a cast in a comment or a string does not count and `as const` is allowed.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/sim.js';

const src = join(repoRoot, 'src');
const commands = join(src, 'commands');
const BOUNDARY = [
  join(src, 'program.ts'),
  join(src, 'globals.ts'),
  join(commands, 'runner.ts'),
  ...readdirSync(commands, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(commands, d.name))
        .filter((f) => f === 'index.ts' || f.startsWith('register') || f.endsWith('-options.ts'))
        .map((f) => join(commands, d.name, f)),
    ),
];

/** The `as` casts in a TypeScript text, `as const` aside. */
function castsIn(text: string): string[] {
  const source = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    const isCast = ts.isAsExpression(node) || ts.isTypeAssertionExpression(node);
    if (isCast && node.type.getText(source) !== 'const') found.push(node.getText(source));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the parser boundary', () => {
  it('covers the registration files of every noun', () => {
    for (const noun of ['region', 'node', 'vm', 'ct', 'os', 'cost', 'task', 'api', 'completion'])
      expect(BOUNDARY).toContain(join(commands, noun, 'index.ts'));
    expect(BOUNDARY).toContain(join(commands, 'guest', 'create-options.ts'));
    expect(BOUNDARY).toContain(join(commands, 'guest', 'register.ts'));
  });

  it.each(BOUNDARY.map((f) => [f.slice(repoRoot.length)]))('%s has no `as` cast', (file) => {
    expect(castsIn(readFileSync(join(repoRoot, file), 'utf8'))).toEqual([]);
  });

  it('counts casts, not `as const`, nor "as" in comments and strings', () => {
    const text = "const a = b as string; const c = <number>d; const e = [1] as const; // f as g\nconst h = 'i as j';";
    expect(castsIn(text)).toEqual(['b as string', '<number>d']);
  });
});
