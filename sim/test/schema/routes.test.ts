import { describe, expect, it } from 'vitest';
import { schemaFromTree } from '../../src/schema/load.js';
import { pathSegments } from '../../src/schema/routes.js';
import type { TreeNode } from '../../src/schema/types.js';
import { haveSchema, schema } from './real-schema.js';

const UPID = 'UPID:pve1:0000ABCD:00112233:6650A1B2:qmstart:100:root@pam!pvectl:';

describe.skipIf(!haveSchema)('route matching on the real schema', () => {
  const s = schema!;

  it('prefers a literal segment over a placeholder', () => {
    expect(s.match('GET', '/nodes/pve1/qemu/100/status/current')).toEqual({
      template: '/nodes/{node}/qemu/{vmid}/status/current',
      pathParams: { node: 'pve1', vmid: '100' },
    });
    expect(s.match('GET', '/nodes/pve1/qemu/100/config')?.template).toBe('/nodes/{node}/qemu/{vmid}/config');
    expect(s.match('GET', '/cluster/resources')?.template).toBe('/cluster/resources');
  });

  it('decodes path parameters (UPIDs contain : @ !)', () => {
    const m = s.match('GET', `/nodes/pve1/tasks/${encodeURIComponent(UPID)}/status`);
    expect(m).toEqual({ template: '/nodes/{node}/tasks/{upid}/status', pathParams: { node: 'pve1', upid: UPID } });
    expect(s.match('DELETE', `/nodes/pve1/tasks/${encodeURIComponent(UPID)}`)?.pathParams.upid).toBe(UPID);
  });

  it('accepts a trailing slash and an /api2/json prefix', () => {
    expect(s.match('GET', '/nodes/pve1/qemu/')?.template).toBe('/nodes/{node}/qemu');
    expect(s.match('get', '/api2/json/version')?.template).toBe('/version');
  });

  it('returns null for unknown paths and unknown methods', () => {
    expect(s.match('GET', '/foo')).toBeNull();
    expect(s.match('POST', '/version')).toBeNull();
    expect(s.match('GET', '/nodes/pve1/qemu/100/status/bogus')).toBeNull();
  });

  it('answers 501 like pveproxy for an unknown path or method', () => {
    expect(s.validateRequest('GET', '/foo', {})).toEqual({ status: 501, message: "Method 'GET /foo' not implemented" });
    expect(s.validateRequest('POST', '/version', {})).toEqual({
      status: 501,
      message: "Method 'POST /version' not implemented",
    });
  });

  it('validates path parameters like any other parameter', () => {
    const r = s.validateRequest('GET', '/nodes/pve_1/qemu/99/status/current', {});
    expect(r?.status).toBe(400);
    expect(r?.errors?.node).toMatch(/valid node name/);
    expect(r?.errors?.vmid).toMatch(/valid VM ID/);
    // the path wins over a conflicting query/body value of the same name
    expect(s.validateRequest('GET', '/nodes/pve1/qemu/100/status/current', { vmid: 'x' })).toBeNull();
  });
});

describe('route index (synthetic tree)', () => {
  const info = { GET: { parameters: { additionalProperties: 0, properties: {} } } };
  const tree: TreeNode[] = [
    {
      path: '/a',
      info,
      children: [
        { path: '/a/{x}', info, children: [{ path: '/a/{x}/deep', info }] },
        { path: '/a/lit', info, children: [{ path: '/a/lit/only', info }] },
      ],
    },
  ];
  const s = schemaFromTree(tree);

  it('backtracks from a literal branch that dead-ends to the placeholder', () => {
    expect(s.match('GET', '/a/lit')?.template).toBe('/a/lit');
    expect(s.match('GET', '/a/lit/only')?.template).toBe('/a/lit/only');
    expect(s.match('GET', '/a/lit/deep')).toEqual({ template: '/a/{x}/deep', pathParams: { x: 'lit' } });
  });

  it('splits paths into decoded segments', () => {
    expect(pathSegments('/a//b%2Fc/?q=1')).toEqual(['a', 'b/c']);
    expect(pathSegments('/a/%E0%A4%A')).toEqual(['a', '%E0%A4%A']);
  });
});
