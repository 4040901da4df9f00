import { describe, expect, it } from 'vitest';
import { startSim, useMsw } from './harness.js';

useMsw();

describe('offline node', () => {
  it('shows the node offline without stats and its guests as unknown with config facts only', async () => {
    const api = startSim();
    api.sim.setNodeOnline('pve1', false);
    const res = await api.get('/cluster/resources');
    expect(res.find((r: any) => r.id === 'node/pve1')).toEqual({
      id: 'node/pve1',
      type: 'node',
      node: 'pve1',
      status: 'offline',
      level: '',
      'cgroup-mode': 2,
    });
    expect(res.find((r: any) => r.id === 'qemu/100')).toEqual({
      id: 'qemu/100',
      vmid: 100,
      node: 'pve1',
      type: 'qemu',
      status: 'unknown',
      tags: 'prod;web',
      pool: 'prod',
    });
    expect(res.find((r: any) => r.id === 'storage/pve1/local')).toMatchObject({ status: 'unknown' });
    expect(res.find((r: any) => r.id === 'storage/pve1/local').disk).toBeUndefined();
    expect(res.find((r: any) => r.id === 'qemu/101')).toMatchObject({ status: 'running', name: 'web-2' });
    const nodes = await api.get('/nodes');
    expect(nodes.find((n: any) => n.node === 'pve1')).toEqual({
      node: 'pve1',
      id: 'node/pve1',
      type: 'node',
      level: '',
      status: 'offline',
    });
    const cs = await api.get('/cluster/status');
    expect(cs.find((n: any) => n.name === 'pve1')).toMatchObject({ online: 0 });
    expect(cs[0]).toMatchObject({ type: 'cluster', quorate: 1 });
  });

  it('answers 595 for any /nodes/{offline}/… call and recovers when back online', async () => {
    const api = startSim();
    api.sim.setNodeOnline('pve2', false);
    for (const path of [
      '/nodes/pve2/status',
      '/nodes/pve2/qemu',
      '/nodes/pve2/qemu/101/status/current',
      '/nodes/pve2/storage',
    ]) {
      const r = await api.call('GET', path);
      // pve-http-server AnyEvent.pm proxy_request relays AnyEvent::HTTP's 595: reason $!, no body
      expect(r.status).toBe(595);
      expect(r.statusText).toBe('No route to host');
      expect(r.body).toBe('');
    }
    expect((await api.call('POST', '/nodes/pve2/qemu/101/status/stop')).status).toBe(595);
    const mig = await api.call('POST', '/nodes/pve1/qemu/102/migrate', { target: 'pve2' });
    expect(mig.statusText).toBe("target node 'pve2' not online");
    api.sim.setNodeOnline('pve2', true);
    expect((await api.get('/nodes/pve2/qemu/101/status/current')).status).toBe('running');
    expect(() => api.sim.setNodeOnline('pve9', false)).toThrow(/no such cluster node/);
  });
});

describe('fault switches', () => {
  it('adds latency', async () => {
    const api = startSim();
    api.sim.faults.latencyMs = 60;
    const t0 = api.clock.now();
    await api.get('/version');
    expect(api.clock.now() - t0).toBe(60); // on the simulator's (virtual) clock
  });

  it('answers 502 and 503 alternately at errorRate 1', async () => {
    const api = startSim();
    api.sim.faults.errorRate = 1;
    const a = await api.call('GET', '/version');
    const b = await api.call('GET', '/version');
    expect([a.status, b.status]).toEqual([502, 503]);
    api.sim.faults.errorRate = 0;
    expect((await api.call('GET', '/version')).status).toBe(200);
  });

  it('drops connections at dropRate 1', async () => {
    const api = startSim();
    api.sim.faults.dropRate = 1;
    await expect(api.call('GET', '/version')).rejects.toThrow();
    expect(api.sim.requestLog.at(-1)).toMatchObject({ path: '/version', status: 0 });
  });

  it('applies a write and then loses its response', async () => {
    const api = startSim();
    api.sim.faults.loseResponseAfterWrite = 1;
    await expect(api.call('PUT', '/nodes/pve1/qemu/102/config', { name: 'renamed' })).rejects.toThrow();
    expect(api.sim.faults.loseResponseAfterWrite).toBe(0);
    expect((await api.get('/nodes/pve1/qemu/102/config')).name).toBe('renamed');
    api.sim.faults.loseResponseAfterWrite = 1;
    expect((await api.call('GET', '/version')).status).toBe(200);
    expect(api.sim.faults.loseResponseAfterWrite).toBe(1);
  });

  it('answers a refused write as usual and keeps loseResponseAfterWrite for the next successful one', async () => {
    const api = startSim();
    api.sim.faults.loseResponseAfterWrite = 1;
    const missing = await api.call('PUT', '/nodes/pve1/qemu/999/config', { name: 'x' });
    expect(missing.status).toBe(500);
    expect(missing.statusText).toBe("Configuration file 'nodes/pve1/qemu-server/999.conf' does not exist");
    const both = await api.call('PUT', '/nodes/pve1/qemu/102/config', { name: 'x', delete: 'name' });
    expect(both.statusText).toBe("unable to delete 'name' - option is also set");
    expect(api.sim.faults.loseResponseAfterWrite).toBe(1);
    await expect(api.call('PUT', '/nodes/pve1/qemu/102/config', { name: 'renamed' })).rejects.toThrow();
    expect(api.sim.faults.loseResponseAfterWrite).toBe(0);
    expect((await api.get('/nodes/pve1/qemu/102/config')).name).toBe('renamed');
  });
});
