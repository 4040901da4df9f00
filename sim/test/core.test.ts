import { describe, expect, it } from 'vitest';
import { BASE, startSim, useMsw } from './harness.js';

useMsw();

describe('simulator core', () => {
  it('answers version and cluster resources with the seeded guests', async () => {
    const api = startSim();
    expect(await api.get('/version')).toMatchObject({ version: expect.any(String), release: '9.1' });
    const res = await api.get('/cluster/resources');
    const web1 = res.find((r: any) => r.id === 'qemu/100');
    expect(web1).toMatchObject({
      vmid: 100,
      name: 'web-1',
      node: 'pve1',
      status: 'running',
      tags: 'prod;web',
      pool: 'prod',
      template: 0,
    });
    expect(res.find((r: any) => r.id === 'qemu/9000')).toMatchObject({ template: 1, name: 'debian-12-cloud' });
    expect(res.find((r: any) => r.id === 'qemu/103')).toMatchObject({ hastate: 'started' });
    expect(res.find((r: any) => r.id === '/pool/prod')).toMatchObject({ type: 'pool', pool: 'prod' });
    expect(res.find((r: any) => r.id === 'storage/pve1/local-lvm')).toMatchObject({ plugintype: 'lvmthin', shared: 0 });
    const vms = await api.get('/cluster/resources', { type: 'vm' });
    expect(vms.every((r: any) => r.type === 'qemu' || r.type === 'lxc')).toBe(true);
  });

  it('gives nextid as a JSON string and rejects a taken vmid with 400', async () => {
    const api = startSim();
    expect(await api.get('/cluster/nextid')).toBe('104');
    const r = await api.call('GET', '/cluster/nextid', { vmid: 200 });
    expect(r.status).toBe(400);
    expect(r.statusText).toBe('Parameter verification failed.');
    expect(r.body.errors).toEqual({ vmid: 'VM 200 already exists' });
  });

  it('runs a start as a task that fails inside when already running', async () => {
    const api = startSim();
    const upid = await api.post('/nodes/pve1/qemu/100/status/start');
    expect(upid).toMatch(/^UPID:pve1:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:qmstart:100:root@pam!pvectl:$/);
    const t = await api.waitTask(upid);
    expect(t.exitstatus).toBe('VM 100 already running');
    expect(t.lines.at(-1)).toBe('TASK ERROR: VM 100 already running');
  });

  it('stops, then starts a VM; the state changes when the task ends', async () => {
    const api = startSim();
    const upid = await api.post('/nodes/pve1/qemu/100/status/stop');
    expect((await api.get('/nodes/pve1/qemu/100/status/current')).status).toBe('running');
    expect((await api.waitTask(upid)).exitstatus).toBe('OK');
    expect((await api.get('/nodes/pve1/qemu/100/status/current')).status).toBe('stopped');
    await api.waitTask(await api.post('/nodes/pve1/qemu/100/status/start'));
    const cur = await api.get('/nodes/pve1/qemu/100/status/current');
    expect(cur).toMatchObject({ status: 'running', qmpstatus: 'running', ha: { managed: 0 }, agent: 1 });
  });

  it('answers 500 for a guest on the wrong node and 401 for a bad token', async () => {
    const api = startSim();
    const r = await api.call('GET', '/nodes/pve2/qemu/100/config');
    expect(r.status).toBe(500);
    expect(r.statusText).toBe("Configuration file 'nodes/pve2/qemu-server/100.conf' does not exist");
    expect(r.body).toEqual({
      data: null,
      message: "Configuration file 'nodes/pve2/qemu-server/100.conf' does not exist\n",
    });
    const bad = await api.call('GET', '/version', {}, { authorization: 'PVEAPIToken=root@pam!pvectl=nope' });
    expect(bad.status).toBe(401);
    expect(bad.statusText).toBe('Authentication failed!');
  });
});

describe('request encoding', () => {
  it('accepts JSON bodies and lets the query string win over the body', async () => {
    const api = startSim();
    const res = await fetch(`${BASE}/nodes/pve1/qemu/102/config?name=from-query`, {
      method: 'PUT',
      headers: { authorization: `PVEAPIToken=${api.sim.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'from-body', cores: 3 }),
    });
    expect(res.status).toBe(200);
    expect(await api.get('/nodes/pve1/qemu/102/config')).toMatchObject({ name: 'from-query', cores: 3 });
    expect(api.sim.requestLog.at(-2)!.params).toEqual({ name: 'from-query', cores: 3 });
  });

  it('filters /cluster/resources by node and storage type', async () => {
    const api = startSim({ nodes: 2 });
    const nodes = await api.get('/cluster/resources', { type: 'node' });
    expect(nodes.map((n: any) => n.id)).toEqual(['node/pve1', 'node/pve2']);
    expect(nodes[0]).toMatchObject({ status: 'online', maxcpu: expect.any(Number), uptime: expect.any(Number) });
    const storages = await api.get('/cluster/resources', { type: 'storage' });
    expect(storages).toHaveLength(4);
    expect((await api.get('/nodes'))[0].ssl_fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });
});
