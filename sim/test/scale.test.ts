import { describe, expect, it } from 'vitest';
import { startSim, useMsw } from './harness.js';
import { createSimulator } from '../src/index.js';

useMsw();

describe('scale', () => {
  it('creates 10,000 generated guests spread over the nodes and lists them all', async () => {
    const api = startSim({ guests: 10_000 });
    const res = await api.get('/cluster/resources', { type: 'vm' });
    expect(res.length).toBe(10_000 + 7);
    const perNode = new Map<string, number>();
    for (const r of res) perNode.set(r.node, (perNode.get(r.node) ?? 0) + 1);
    expect([...perNode.keys()].sort()).toEqual(['pve1', 'pve2', 'pve3']);
    expect(Math.min(...perNode.values())).toBeGreaterThan(3000);
    expect(new Set(res.map((r: any) => r.type))).toEqual(new Set(['qemu', 'lxc']));
    expect(new Set(res.map((r: any) => r.status))).toEqual(new Set(['running', 'stopped']));
    expect((await api.get('/nodes/pve2/qemu')).length).toBeGreaterThan(2000);
    expect(Number(await api.get('/cluster/nextid'))).toBe(104);
  });

  it('is deterministic for a given seed', () => {
    const a = createSimulator({ guests: 50, seed: 3 });
    const b = createSimulator({ guests: 50, seed: 3 });
    expect(a.token).toBe(b.token);
    const { meta: _a, ...ca } = a.state.guests.get(1010)!.config;
    const { meta: _b, ...cb } = b.state.guests.get(1010)!.config;
    expect(ca).toEqual(cb);
    a.close();
    b.close();
  });
});
