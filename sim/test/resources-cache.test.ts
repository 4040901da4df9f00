// /cluster/resources is served from a cache (src/sim/model/answer-cache.ts, issue 12 "Scale"):
// these check that the cache never shows an old state: API writes, finished tasks, direct changes
// through sim.state, nodes going offline and the clock moving all show in the next answer.
import { describe, expect, it } from 'vitest';
import { startSim, useMsw } from './harness.js';

useMsw();

const entry = (list: any[], id: string) => list.find((r) => r.id === id);

describe('/cluster/resources cache', () => {
  it('gives the same answer twice while nothing changes, per type filter', async () => {
    const api = startSim({ guests: 20 });
    const a = await api.get('/cluster/resources');
    expect(await api.get('/cluster/resources')).toEqual(a);
    const vms = await api.get('/cluster/resources', { type: 'vm' });
    expect(vms.every((r: any) => r.type === 'qemu' || r.type === 'lxc')).toBe(true);
    expect(vms.length).toBe(a.filter((r: any) => r.type === 'qemu' || r.type === 'lxc').length);
    expect((await api.get('/cluster/resources', { type: 'node' })).map((r: any) => r.id)).toEqual([
      'node/pve1',
      'node/pve2',
      'node/pve3',
    ]);
  });

  it('shows a config change and a finished stop task in the next answer', async () => {
    const api = startSim();
    expect(entry(await api.get('/cluster/resources'), 'qemu/100').name).toBe('web-1');
    await api.put('/nodes/pve1/qemu/100/config', { name: 'web-one' });
    expect(entry(await api.get('/cluster/resources'), 'qemu/100').name).toBe('web-one');
    const upid = await api.post('/nodes/pve1/qemu/100/status/stop');
    await api.waitTask(upid); // the task's timer changes the state, not a request
    const e = entry(await api.get('/cluster/resources', { type: 'vm' }), 'qemu/100');
    expect(e.status).toBe('stopped');
    expect(e.uptime).toBe(0);
  });

  it('shows changes made directly through sim.state and a node going offline', async () => {
    const api = startSim();
    await api.get('/cluster/resources');
    api.sim.state.guests.get(101)!.config.tags = 'changed';
    expect(entry(await api.get('/cluster/resources'), 'qemu/101').tags).toBe('changed');
    api.sim.setNodeOnline('pve2', false);
    expect(entry(await api.get('/cluster/resources'), 'qemu/101').status).toBe('unknown');
  });

  it('moves uptimes on as the clock does, and only then', async () => {
    const api = startSim();
    const before = entry(await api.get('/cluster/resources'), 'qemu/100').uptime;
    expect(before).toBeGreaterThan(0);
    // seeded guests started a whole number of seconds before the seed's "now"
    await api.clock.advance(400);
    expect(entry(await api.get('/cluster/resources'), 'qemu/100').uptime).toBe(before);
    await api.clock.advance(600);
    const next = await api.get('/cluster/resources');
    expect(entry(next, 'qemu/100').uptime).toBe(before + 1);
    // pool prod's uptime is that of its longest-running member, web-1 (qemu/100)
    expect(entry(next, '/pool/prod').uptime).toBe(before + 1);
    await api.clock.advance(5000);
    const later = await api.get('/cluster/resources');
    expect(entry(later, 'qemu/100').uptime).toBe(before + 6);
    expect(entry(later, 'node/pve1').uptime).toBe(entry(await api.get('/cluster/resources'), 'node/pve1').uptime);
  });
});
