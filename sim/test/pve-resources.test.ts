// /cluster/resources, status/current and the storage endpoints as Proxmox VE 9.1 answers them
// (issue 12, deviations 8 and 9). Each case names the source it mirrors.
import { describe, expect, it } from 'vitest';
import { startSim, useMsw } from './harness.js';

useMsw();

describe('deviation 8: /cluster/resources (pve-manager PVE/API2/Cluster.pm resources)', () => {
  it('lists pools first, folding in their running members; then guests, nodes, storages, network', async () => {
    const api = startSim();
    const all = await api.get('/cluster/resources');
    const order = [...new Set(all.map((r: any) => r.type))];
    expect(order).toEqual(['pool', 'qemu', 'lxc', 'node', 'storage', 'network']);
    const vm100 = all.find((r: any) => r.id === 'qemu/100');
    // prod holds only VM 100 (running): the pool shows its figures; dev holds CT 201 (stopped)
    expect(all.find((r: any) => r.id === '/pool/prod')).toEqual({
      id: '/pool/prod',
      pool: 'prod',
      type: 'pool',
      uptime: vm100.uptime,
      mem: vm100.mem,
      maxmem: vm100.maxmem,
      cpu: vm100.cpu,
      maxcpu: vm100.maxcpu,
    });
    expect(all.find((r: any) => r.id === '/pool/dev')).toEqual({ id: '/pool/dev', pool: 'dev', type: 'pool' });
  });

  it('adds the localnetwork zone of every node as a network entry (PVE 9.1 nodes send "network")', async () => {
    const api = startSim();
    const nets = (await api.get('/cluster/resources')).filter((r: any) => r.type === 'network');
    expect(nets).toEqual(
      ['pve1', 'pve2', 'pve3'].map((node) => ({
        id: `network/${node}/zone/localnetwork`,
        type: 'network',
        'network-type': 'zone',
        network: 'localnetwork',
        node,
        status: 'ok',
      })),
    );
    // such nodes' sdn entries are skipped
    expect(await api.get('/cluster/resources', { type: 'sdn' })).toEqual([]);
  });

  it('gives lxc entries memhost, as API2Tools.pm extract_vm_stats does for every pve-vm-9.0 RRD entry', async () => {
    const api = startSim();
    const all = await api.get('/cluster/resources', { type: 'vm' });
    const ct = all.find((r: any) => r.id === 'lxc/200');
    expect(Object.keys(ct).sort()).toEqual(
      [
        'id',
        'vmid',
        'node',
        'type',
        'name',
        'status',
        'template',
        'uptime',
        'cpu',
        'maxcpu',
        'mem',
        'maxmem',
        'disk',
        'maxdisk',
        'netin',
        'netout',
        'diskread',
        'diskwrite',
        'memhost',
        'tags',
      ].sort(),
    );
    expect(ct.memhost).toBe(ct.mem);
  });
});

describe('deviation 8: qemu status/current (qemu-server QemuServer.pm vmstatus, full)', () => {
  const PRESSURE = ['cpusome', 'cpufull', 'iosome', 'iofull', 'memorysome', 'memoryfull'].map((k) => `pressure${k}`);

  it('a stopped VM has no balloon, freemem, diskread, diskwrite, nics or pressure', async () => {
    const api = startSim();
    const st = await api.get('/nodes/pve1/qemu/102/status/current');
    for (const key of ['balloon', 'freemem', 'diskread', 'diskwrite', 'nics', ...PRESSURE]) {
      expect({ key, has: key in st }).toEqual({ key, has: false });
    }
    expect(st).toMatchObject({ status: 'stopped', qmpstatus: 'stopped', mem: 0, memhost: 0 });
  });

  it('a running VM has nics keyed tap<vmid>i<n> and the pressure* fields', async () => {
    const api = startSim();
    const st = await api.get('/nodes/pve1/qemu/100/status/current');
    const nets = Object.keys(await api.get('/nodes/pve1/qemu/100/config')).filter((k) => /^net\d+$/.test(k));
    expect(Object.keys(st.nics).sort()).toEqual(nets.map((k) => `tap100i${k.slice(3)}`).sort());
    for (const key of ['balloon', 'freemem', 'diskread', 'diskwrite', ...PRESSURE]) {
      expect({ key, has: key in st }).toEqual({ key, has: true });
    }
  });

  it('a running CT has the pressure* fields too (pve-container LXC.pm vmstatus)', async () => {
    const api = startSim();
    const st = await api.get('/nodes/pve1/lxc/200/status/current');
    for (const key of PRESSURE) expect(st[key]).toBe(0);
  });
});

describe('deviation 9: storage endpoints (pve-storage src/PVE/API2/Storage)', () => {
  it('GET /storage lists storage.cfg (Config.pm index: the section plus storage, digest, content)', async () => {
    const api = startSim();
    const list = await api.get('/storage');
    expect(list).toEqual([
      {
        storage: 'local',
        type: 'dir',
        path: '/var/lib/vz',
        content: 'backup,import,iso,snippets,vztmpl',
        digest: expect.stringMatching(/^[0-9a-f]{40}$/),
      },
      {
        storage: 'local-lvm',
        type: 'lvmthin',
        vgname: 'pve',
        thinpool: 'data',
        content: 'images,rootdir',
        digest: list[0].digest,
      },
    ]);
    expect(await api.get('/storage', { type: 'lvmthin' })).toHaveLength(1);
  });

  it('GET /nodes/{node}/storage/{storage}/status, and Status.pm read_status for an unknown storage', async () => {
    const api = startSim();
    expect(await api.get('/nodes/pve1/storage/local-lvm/status')).toMatchObject({
      type: 'lvmthin',
      active: 1,
      enabled: 1,
      total: 400 * 1024 ** 3,
    });
    const r = await api.call('GET', '/nodes/pve1/storage/nope/status');
    expect([r.status, r.body.errors]).toEqual([400, { storage: 'No such storage.' }]);
  });
});
