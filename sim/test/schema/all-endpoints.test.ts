// Robustness over the whole file: every endpoint can be matched from a concrete path and
// validated (requests and responses) without throwing, whatever junk it is given.
import { describe, expect, it } from 'vitest';
import type { TreeNode } from '../../src/schema/types.js';
import { haveSchema, rawTree, schema } from './real-schema.js';

const SAMPLE: Record<string, string> = {
  node: 'pve1',
  vmid: '100',
  storage: 'local',
  upid: 'UPID:pve1:1:2:3:x:y:root@pam:',
};

function endpoints(): Array<{ template: string; method: string; path: string }> {
  const out: Array<{ template: string; method: string; path: string }> = [];
  const walk = (nodes: TreeNode[]): void => {
    for (const n of nodes) {
      const path = n.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(SAMPLE[name] ?? `x-${name}`));
      for (const method of Object.keys(n.info ?? {})) out.push({ template: n.path, method, path });
      if (n.children) walk(n.children);
    }
  };
  walk(rawTree());
  return out;
}

const JUNK: Array<Record<string, unknown>> = [
  {},
  { vmid: 'x', type: ['a'], net0: 'a=b=c,,=,', delete: ['a', 'b'], interfaces: 'x', protocol: 'openfabric' },
  { node: { a: 1 }, digest: true, 'dhcp-range': 'start-address=1.2.3.4', scsi0: null, x: 1.5 },
];

describe.skipIf(!haveSchema)('all 667 endpoints', () => {
  it('match their own template from a concrete path', () => {
    const all = endpoints();
    expect(all.length).toBe(667);
    const wrong = all.filter((e) => schema!.match(e.method, e.path)?.template !== e.template);
    expect(wrong.map((e) => `${e.method} ${e.template}`)).toEqual([]);
  });

  it('validate requests and responses without throwing', () => {
    for (const e of endpoints()) {
      for (const params of JUNK) {
        const r = schema!.validateRequest(e.method, e.path, params);
        if (r) expect(r.status).toBe(400);
      }
      for (const data of [null, {}, [], 'x', 1, [{}], { data: [1] }]) {
        expect(Array.isArray(schema!.validateResponse(e.method, e.path, data))).toBe(true);
      }
    }
  });
});
