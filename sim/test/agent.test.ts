import { describe, expect, it } from 'vitest';
import { startSim, useMsw, waitFor } from './harness.js';

useMsw();

describe('guest agent', () => {
  it('is not configured on db-1 and not running before the agent delay', async () => {
    const api = startSim({ taskMs: 10, agentDelayMs: 150 });
    await api.put('/nodes/pve1/qemu/102/config', { agent: 0 });
    await api.run('POST', '/nodes/pve1/qemu/102/status/start');
    const r = await api.call('POST', '/nodes/pve1/qemu/102/agent/ping');
    expect(r.status).toBe(500);
    expect(r.statusText).toBe('No QEMU guest agent configured');
    await api.run('POST', '/nodes/pve1/qemu/102/status/stop');
    await api.put('/nodes/pve1/qemu/102/config', { agent: 'enabled=1' });
    const stopped = await api.call('GET', '/nodes/pve1/qemu/102/agent/network-get-interfaces');
    expect(stopped.statusText).toBe('VM 102 is not running');
    await api.run('POST', '/nodes/pve1/qemu/102/status/start');
    const early = await api.call('GET', '/nodes/pve1/qemu/102/agent/network-get-interfaces');
    expect(early.status).toBe(500);
    expect(early.statusText).toBe('QEMU guest agent is not running');
    const data = await waitFor(async () => {
      const x = await api.call('GET', '/nodes/pve1/qemu/102/agent/network-get-interfaces');
      return x.status === 200 && x.body.data.result[1]['ip-addresses'] && x.body.data;
    });
    const cfg = await api.get('/nodes/pve1/qemu/102/config');
    const mac = /virtio=([^,]+)/.exec(cfg.net0)![1]!.toLowerCase();
    const [lo, eth] = data.result;
    expect(lo.name).toBe('lo');
    expect(lo['ip-addresses'].map((a: any) => a['ip-address'])).toEqual(['127.0.0.1', '::1']);
    expect(eth).toMatchObject({ name: 'ens18', 'hardware-address': mac });
    expect(eth['ip-addresses'][0]).toEqual({ 'ip-address': '10.10.0.104', 'ip-address-type': 'ipv4', prefix: 16 });
    expect(eth['ip-addresses'][1]['ip-address']).toMatch(/^fe80::/);
    expect(await api.post('/nodes/pve1/qemu/102/agent/ping')).toEqual({ result: {} });
  });

  it('answers before the NIC has addresses: no ip-addresses key on it (QUIRKS G1), then the addresses', async () => {
    const api = startSim({ taskMs: 10, agentDelayMs: 300 });
    const path = '/nodes/pve1/qemu/100/agent/network-get-interfaces';
    await api.run('POST', '/nodes/pve1/qemu/100/status/reboot');
    const startedAt = api.sim.state.guests.get(100)!.startedAt;
    expect((await api.call('GET', path)).statusText).toBe('QEMU guest agent is not running');
    const early = await waitFor(async () => {
      const x = await api.call('GET', path);
      return x.status === 200 && x.body.data;
    });
    expect(api.clock.now() - startedAt).toBeLessThan(300); // virtual time: exact, whatever the machine
    const [lo, nic, ...rest] = early.result;
    expect(lo['ip-addresses'].map((a: any) => a['ip-address'])).toEqual(['127.0.0.1', '::1']);
    expect(nic.name).toBe('ens18');
    expect(nic['hardware-address']).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    expect(Object.hasOwn(nic, 'ip-addresses')).toBe(false);
    expect(rest).toEqual([]); // docker0 comes up after the network
    const later = await waitFor(async () => {
      const x = await api.get(path);
      return x.result[1]['ip-addresses'] && x;
    });
    expect(api.clock.now() - startedAt).toBeGreaterThanOrEqual(300);
    expect(later.result[1]['ip-addresses'][0]).toMatchObject({
      'ip-address': '10.10.0.102',
      'ip-address-type': 'ipv4',
    });
    expect(later.result.map((i: any) => i.name)).toEqual(['lo', 'ens18', 'docker0']);
  });

  it('reports a static cloud-init address on eth0, and docker0 on some guests', async () => {
    const api = startSim({ taskMs: 10, agentDelayMs: 0 });
    await api.run('POST', '/nodes/pve1/qemu/9000/clone', { newid: 400, name: 'ci' });
    await api.put('/nodes/pve1/qemu/400/config', { ipconfig0: 'ip=192.0.2.10/24,gw=192.0.2.1', agent: 1 });
    await api.run('POST', '/nodes/pve1/qemu/400/status/start');
    const { result } = await api.get('/nodes/pve1/qemu/400/agent/network-get-interfaces');
    expect(result[1].name).toBe('eth0');
    expect(result[1]['ip-addresses'][0]).toMatchObject({ 'ip-address': '192.0.2.10', prefix: 24 });
    const names100 = (await api.get('/nodes/pve1/qemu/100/agent/network-get-interfaces')).result.map(
      (i: any) => i.name,
    );
    expect(names100).toContain('docker0');
  });
});

describe('LXC interfaces', () => {
  it('is null while stopped and carries legacy keys while running', async () => {
    const api = startSim({ agentDelayMs: 0 });
    expect(await api.get('/nodes/pve2/lxc/201/interfaces')).toBeNull();
    const ifs = await api.get('/nodes/pve1/lxc/200/interfaces');
    expect(ifs[1]).toMatchObject({ name: 'eth0', inet: '10.10.0.202/16', hwaddr: ifs[1]['hardware-address'] });
    expect(ifs[1]['ip-addresses'][0]).toEqual({ 'ip-address': '10.10.0.202', 'ip-address-type': 'inet', prefix: 16 });
    expect(ifs[1].inet6).toMatch(/^fe80::.*\/64$/);
  });
});
