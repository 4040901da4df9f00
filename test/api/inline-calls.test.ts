// Issue 7 §3: every API call goes through a named endpoint function in src/api/; commands call
// those. This scan fails when `client.get/post/put/delete/call(…)` appears anywhere else in src/.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(import.meta.dirname, '../..');
const VERBS = new Set(['get', 'post', 'put', 'delete', 'call']);

/** `x.get(…)` and friends whose receiver is a client: `client`, `s.client`, `this.client`, `ctx.client(r)`. */
export function inlineCalls(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && VERBS.has(n.expression.name.text)) {
      let target: ts.Expression = n.expression.expression;
      while (ts.isParenthesizedExpression(target) || ts.isAwaitExpression(target)) target = target.expression;
      const receiver = target.getText(sf).replace(/\s+/g, '');
      if (/client(\([^)]*\))?$/i.test(receiver)) {
        const line = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
        found.push(`${file}:${line} ${receiver}.${n.expression.name.text}`);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const scanned = sources(join(ROOT, 'src'))
  .map((f) => relative(ROOT, f).split('\\').join('/'))
  .map((f) => ({ file: f, calls: inlineCalls(f, readFileSync(join(ROOT, f), 'utf8')) }));

describe('API calls live in src/api/', () => {
  it('finds the calls written in src/api/ (the scan sees what it looks for)', () => {
    const inApi = scanned.filter((s) => s.file.startsWith('src/api/')).flatMap((s) => s.calls);
    expect(inApi.length).toBeGreaterThan(20);
  });

  it('recognises a call however it is written', () => {
    const text = [
      'async function f() { await client.get<X>("/version");',
      'await s.client\n  .post(path, { a: 1 });',
      'await (await ctx.client(region)).delete(p);',
      'this.client.call("GET", p);',
      'map.get(key); cache.delete(key); }',
    ].join('\n');
    expect(inlineCalls('x.ts', text)).toEqual([
      'x.ts:1 client.get',
      'x.ts:2 s.client.post',
      'x.ts:4 ctx.client(region).delete',
      'x.ts:5 this.client.call',
    ]);
  });

  it('has no inline call outside src/api/ (src/create, src/os and the create commands included)', () => {
    expect(scanned.map((s) => s.file)).toEqual(
      expect.arrayContaining(['src/create/vm-build.ts', 'src/os/resolve.ts', 'src/commands/vm/create.ts']),
    );
    const outside = scanned.filter((s) => !s.file.startsWith('src/api/')).flatMap((s) => s.calls);
    expect(outside).toEqual([]);
  });
});
