// sim/README.md lists every endpoint of the official schema that pvesim answers with 501, exactly
// (issue 12, item 9): the list between its `501-begin` and `501-end` markers must equal the
// schema's endpoints minus the simulator's routes.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../src/index.js';
import type { TreeNode } from '../src/schema/types.js';
import { haveSchema, rawTree } from './schema/real-schema.js';

const DOC = new URL('../README.md', import.meta.url);
const generic = (path: string) => path.replace(/\{[^}]+\}|:[^/]+/g, '{}');

function implemented(): Set<string> {
  const sim = createSimulator({ schema: null });
  const out = new Set<string>();
  for (const h of sim.handlers) {
    const { method, path } = (h as { info?: { method?: unknown; path?: unknown } }).info ?? {};
    if (typeof path !== 'string' || !path.startsWith('*/api2/json/') || path.endsWith('/*')) continue;
    out.add(`${String(method).toUpperCase()} ${generic(path.slice('*/api2/json'.length))}`);
  }
  sim.close();
  return out;
}

// The schema's endpoints as `METHOD /path/{name}`, split by whether pvesim has a route for them.
function split(): { simulated: string[]; missing: string[] } {
  const have = implemented();
  const simulated: string[] = [];
  const missing: string[] = [];
  const walk = (nodes: TreeNode[]): void => {
    for (const n of nodes) {
      for (const method of Object.keys(n.info ?? {})) {
        (have.has(`${method} ${generic(n.path)}`) ? simulated : missing).push(`${method} ${n.path}`);
      }
      if (n.children) walk(n.children);
    }
  };
  walk(rawTree());
  const byPath = (a: string, b: string) => {
    const [ma, pa] = a.split(' ') as [string, string];
    const [mb, pb] = b.split(' ') as [string, string];
    return pa === pb ? (ma < mb ? -1 : 1) : pa < pb ? -1 : 1;
  };
  return { simulated: simulated.sort(byPath), missing: missing.sort(byPath) };
}

const marked = (name: string) => new RegExp(`<!-- ${name}-begin -->\\n([\\s\\S]*?)<!-- ${name}-end -->`);

function documented(name: string): string[] {
  const text = readFileSync(DOC, 'utf8');
  const block = marked(name).exec(text)?.[1] ?? '';
  return block
    .split('\n')
    .map((l) => /^- `([A-Z]+ \S+)`$/.exec(l)?.[1])
    .filter((l): l is string => l !== undefined);
}

describe.skipIf(!haveSchema)('sim/README.md', () => {
  it('lists exactly the schema endpoints that are simulated and those that answer 501', () => {
    const { simulated, missing } = split();
    if (process.env.PVESIM_WRITE_ENDPOINTS === '1') {
      // regenerates both lists: PVESIM_WRITE_ENDPOINTS=1 npx vitest run sim/test/docs-501.test.ts
      let text = readFileSync(DOC, 'utf8');
      for (const [name, list] of [
        ['simulated', simulated],
        ['501', missing],
      ] as const) {
        const lines = list.map((e) => `- \`${e}\``).join('\n');
        text = text.replace(marked(name), `<!-- ${name}-begin -->\n${lines}\n<!-- ${name}-end -->`);
      }
      writeFileSync(DOC, text);
    }
    expect(documented('simulated')).toEqual(simulated);
    expect(documented('501')).toEqual(missing);
    expect(simulated).toContain('GET /storage');
    expect(simulated).toContain('POST /nodes/{node}/qemu/{vmid}/status/reset');
    expect(missing).toContain('GET /cluster/sdn/zones');
  });
});
