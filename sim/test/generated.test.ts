// Generated guests (--guests N) are kept as numbers and built when first touched
// (src/model/generated.ts, lazy-map.ts; issue 12 "Scale"): these check that what a client sees
// is what the seed built eagerly before (pinned digests of a 300-guest cluster), whether a guest
// was touched or not, and that touching, writing and deleting behave as on a Map.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startSim, useMsw } from './harness.js';
import { VirtualClock } from '../../test/helpers/virtual-clock.js';
import { Generated } from '../src/model/generated.js';
import { createRng, rngState } from '../src/model/random.js';

useMsw();

const T0 = Date.UTC(2026, 0, 2, 3, 4, 5, 600); // a fixed instant: the digests depend on it
const digest = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex').slice(0, 16);

function sim300() {
  return startSim({ guests: 300, clock: new VirtualClock(T0).forSimulator() });
}

// Digests of the answers of the eager seed (commit e833f49, before guests were generated lazily).
const BEFORE = {
  resources: '63509ee4ce34b176',
  configs: 'b57bdb7bf558cf0f',
  volumes: '982b3bc12ebc5460',
  nextDraw: 'UPID:pve1:0009FB97:16A8C800:695735A5:qmstop:1000:root@pam!pvectl:',
};

describe('generated guests', () => {
  it('answer as the eager seed did: /cluster/resources, every config and volume, the next draw', async () => {
    const api = sim300();
    const resources = await api.get('/cluster/resources');
    const configs: unknown[] = [];
    for (const vmid of [1000, 1001, 1003, 1150, 1299]) {
      const type = vmid % 4 === 3 ? 'lxc' : 'qemu';
      const node = `pve${((vmid - 1000) % 3) + 1}`;
      configs.push(await api.get(`/nodes/${node}/${type}/${vmid}/config`));
    }
    const volumes = await api.get('/nodes/pve2/storage/local-lvm/content');
    // the seed's generator goes on where the guests left it: the next UPID's random part
    const upid = await api.post('/nodes/pve1/qemu/1000/status/stop');
    const got = { resources: digest(resources), configs: digest(configs), volumes: digest(volumes), nextDraw: upid };
    console.info(JSON.stringify(got));
    expect(got).toEqual(BEFORE);
  });

  it('lists an untouched guest as its built self, online or not, with HA state', async () => {
    const api = sim300();
    const st = api.sim.state;
    st.ha.set(1004, {
      sid: 'vm:1004',
      type: 'vm',
      vmid: 1004,
      state: 'started',
      max_restart: 1,
      max_relocate: 1,
      failback: 1,
    });
    const lazy = await api.get('/cluster/resources');
    const nodeLists = async () => [
      await api.get('/nodes/pve1/qemu'),
      await api.get('/nodes/pve1/qemu', { full: 1 }),
      await api.get('/nodes/pve3/lxc'),
    ];
    const lists = await nodeLists();
    expect(st.guests.untouched(0)).toBe(true); // listing (either way) built no guest
    expect(st.volumes.untouched(0)).toBe(true); // nor a volume, for the storages' usage
    for (const g of st.guests.values()) expect(g.vmid).toBeGreaterThan(0); // builds every one
    expect(st.guests.untouched(0)).toBe(false);
    expect(await api.get('/cluster/resources')).toEqual(lazy);
    expect(await nodeLists()).toEqual(lists);
    expect(lists[0].length).toBeGreaterThan(70);
    expect(lists[2].length).toBeGreaterThan(20);
    expect(lazy.find((r: any) => r.id === 'qemu/1004').hastate).toBe('started');

    const offline = sim300();
    offline.sim.setNodeOnline('pve2', false);
    const lazyOff = await offline.get('/cluster/resources', { type: 'vm' });
    expect(lazyOff.find((r: any) => r.id === 'qemu/1001').status).toBe('unknown');
    for (const _ of offline.sim.state.guests.values());
    expect(await offline.get('/cluster/resources', { type: 'vm' })).toEqual(lazyOff);
  });

  it('after a change lists what a fresh build does: kept text follows nodes, HA and touched guests', async () => {
    const changes: Array<(api: ReturnType<typeof sim300>) => void> = [
      (api) => api.sim.setNodeOnline('pve2', false),
      (api) => api.sim.setNodeOnline('pve2', true),
      (api) => api.sim.state.ha.set(1030, { sid: 'vm:1030', type: 'vm', vmid: 1030, state: 'started' } as never),
      (api) => (api.sim.state.ha.get(1030)!.crmState = 'request_stop'),
      (api) => (api.sim.state.guests.get(1031)!.config.name = 'touched'),
    ];
    // the harness serves the simulator started last: the fresh ones first, then the kept one
    const expected = [];
    for (let n = 1; n <= changes.length; n++) {
      const fresh = sim300();
      for (const change of changes.slice(0, n)) change(fresh);
      expected.push(await fresh.get('/cluster/resources'));
    }
    const warm = sim300();
    await warm.get('/cluster/resources'); // keeps the generated guests' text
    for (let n = 1; n <= changes.length; n++) {
      changes[n - 1]!(warm);
      expect(await warm.get('/cluster/resources')).toEqual(expected[n - 1]);
    }
    const e = (await warm.get('/cluster/resources')).find((r: any) => r.vmid === 1030);
    expect(e.hastate).toBe('request_stop');
  });

  it('behaves as a Map when touched, written, deleted and created again', async () => {
    const api = startSim({ guests: 300 });
    const st = api.sim.state;
    const size = st.guests.size;
    expect(size).toBe(307);
    const keys = [...st.guests.keys()];
    expect(keys.slice(0, 8)).toEqual([100, 101, 102, 103, 200, 201, 9000, 1000]);
    await api.put('/nodes/pve1/qemu/1000/config', { name: 'renamed' });
    expect(st.guests.get(1000)!.config.name).toBe('renamed');
    expect([...st.guests.keys()]).toEqual(keys); // a write keeps its place
    const status = await api.get('/nodes/pve2/qemu/1001/status/current');
    if (status.status === 'running') await api.run('POST', '/nodes/pve2/qemu/1001/status/stop');
    await api.run('DELETE', '/nodes/pve2/qemu/1001');
    expect(st.guests.has(1001)).toBe(false);
    expect(st.guests.get(1001)).toBeUndefined();
    expect(st.volumes.has('pve2|local-lvm:vm-1001-disk-0')).toBe(false);
    // finding the guest's volumes built no other guest's (vm-1004-disk-0, also on pve2)
    expect(st.volumes.untouched(4)).toBe(true);
    expect(st.volumes.get('pve2|local-lvm:vm-1004-disk-0')!.vmid).toBe(1004);
    expect(st.guests.size).toBe(size - 1);
    const r = await api.call('GET', '/nodes/pve2/qemu/1001/config');
    expect(r.status).toBe(500);
    await api.run('POST', '/nodes/pve3/qemu', { vmid: 1001, name: 'again', memory: 512 });
    expect(st.guests.get(1001)!.node).toBe('pve3');
    expect([...st.guests.keys()].at(-1)).toBe(1001); // deleted and set again: last, as in a Map
    expect(st.guests.size).toBe(size);
    const names = (await api.get('/cluster/resources', { type: 'vm' })).map((e: any) => e.name);
    expect(names).toContain('renamed');
    expect(names.at(-1)).toBe('again');
  });

  it('replays exactly the draws the seed made for each guest', () => {
    const rng = createRng(42);
    const gen = new Generated(rng, 400, ['pve1', 'pve2'], T0, (vmid) => vmid === 1003);
    expect(gen.vmids[3]).toBe(1004); // a taken vmid is skipped
    const replay = createRng(gen.rngAt[0]!);
    for (let i = 0; i < gen.count; i++) {
      expect(rngState(replay)).toBe(gen.rngAt[i]);
      const { guest } = gen.build(i, replay);
      expect(guest.startedAt).toBe(gen.startedAt[i]);
      expect(guest.stats.netin).toBe(gen.stat(i, 3));
      expect(guest.pid).toBe(gen.pid[i]);
    }
    expect(rngState(replay)).toBe(rngState(rng));
  });
});
