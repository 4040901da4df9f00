import { describe, expect, it } from 'vitest';
import { startSim, useMsw } from './harness.js';

useMsw();

describe('config writes', () => {
  it('applies at once on a stopped VM (PUT is synchronous)', async () => {
    const api = startSim();
    expect(await api.put('/nodes/pve1/qemu/102/config', { memory: 8192, cores: 8, description: 'db' })).toBeNull();
    const cfg = await api.get('/nodes/pve1/qemu/102/config', { current: 1 });
    expect(cfg).toMatchObject({ memory: '8192', cores: 8, description: 'db' });
    expect(await api.get('/nodes/pve1/qemu/102/pending')).not.toContainEqual(
      expect.objectContaining({ pending: expect.anything() }),
    );
  });

  it('keeps memory/cores/cloud-init/net changes of a running VM pending until reboot', async () => {
    const api = startSim();
    await api.put('/nodes/pve1/qemu/100/config', {
      memory: 4096,
      cores: 4,
      ipconfig0: 'ip=10.0.0.5/24,gw=10.0.0.1',
      tags: 'prod;web;x',
    });
    expect(await api.get('/nodes/pve1/qemu/100/config')).toMatchObject({
      memory: '4096',
      cores: 4,
      tags: 'prod;web;x',
    });
    expect(await api.get('/nodes/pve1/qemu/100/config', { current: 1 })).toMatchObject({
      memory: '2048',
      cores: 2,
      tags: 'prod;web;x',
    });
    const pending = await api.get('/nodes/pve1/qemu/100/pending');
    expect(pending).toContainEqual({ key: 'memory', value: '2048', pending: '4096' });
    expect(pending).toContainEqual({ key: 'ipconfig0', pending: 'ip=10.0.0.5/24,gw=10.0.0.1' });
    expect((await api.run('POST', '/nodes/pve1/qemu/100/status/reboot')).exitstatus).toBe('OK');
    expect(await api.get('/nodes/pve1/qemu/100/config', { current: 1 })).toMatchObject({ memory: '4096', cores: 4 });
    const after = await api.get('/nodes/pve1/qemu/100/pending');
    expect(after.filter((p: any) => 'pending' in p)).toEqual([]);
  });

  it('applies pending changes on stop + start, and revert drops them', async () => {
    const api = startSim();
    await api.put('/nodes/pve1/qemu/100/config', { cores: 6, sockets: 2 });
    await api.put('/nodes/pve1/qemu/100/config', { revert: 'sockets' });
    await api.run('POST', '/nodes/pve1/qemu/100/status/stop');
    await api.run('POST', '/nodes/pve1/qemu/100/status/start');
    const cfg = await api.get('/nodes/pve1/qemu/100/config', { current: 1 });
    expect(cfg.cores).toBe(6);
    expect(cfg.sockets).toBe(1);
  });

  it('deletes options, turns removed disks into unusedN, and checks the digest', async () => {
    const api = startSim();
    const { digest } = await api.get('/nodes/pve1/qemu/102/config');
    await api.put('/nodes/pve1/qemu/102/config', { delete: 'tags,scsi0', digest });
    const cfg = await api.get('/nodes/pve1/qemu/102/config');
    expect(cfg.tags).toBeUndefined();
    expect(cfg.scsi0).toBeUndefined();
    expect(cfg.unused0).toBe('local-lvm:vm-102-disk-0');
    const stale = await api.call('PUT', '/nodes/pve1/qemu/102/config', { name: 'x', digest });
    expect(stale.status).toBe(500);
    expect(stale.statusText).toBe('detected modified configuration - file changed by other user? Try again.');
  });

  it('POST config is a qmconfig task that applies when it ends', async () => {
    const api = startSim({ taskMs: 50 });
    const upid = await api.post('/nodes/pve1/qemu/102/config', { name: 'db-renamed' });
    expect(upid).toContain(':qmconfig:102:');
    expect((await api.get('/nodes/pve1/qemu/102/config')).name).toBe('db-1');
    await api.waitTask(upid);
    expect((await api.get('/nodes/pve1/qemu/102/config')).name).toBe('db-renamed');
  });

  it('adds a new disk to a running VM at once (hotplug) and refuses unprivileged changes on CTs', async () => {
    const api = startSim();
    await api.put('/nodes/pve1/qemu/100/config', { scsi1: 'local-lvm:10' });
    expect((await api.get('/nodes/pve1/qemu/100/config', { current: 1 })).scsi1).toBe(
      'local-lvm:vm-100-disk-1,size=10G',
    );
    const r = await api.call('PUT', '/nodes/pve1/lxc/200/config', { unprivileged: 0 });
    expect(r.statusText).toBe("unable to modify read-only option: 'unprivileged'");
    await api.put('/nodes/pve1/lxc/200/config', { memory: 2048 });
    expect((await api.get('/nodes/pve1/lxc/200/config', { current: 1 })).memory).toBe(2048);
  });

  it('answers 500 VM is locked while a create or clone runs', async () => {
    const api = startSim({ taskMs: 200 });
    await api.post('/nodes/pve1/qemu/9000/clone', { newid: 300, name: 'c1' });
    const r = await api.call('PUT', '/nodes/pve1/qemu/300/config', { memory: 1024 });
    expect(r.status).toBe(500);
    expect(r.statusText).toBe('VM is locked (clone)');
    // a power action takes the lock inside its task (qemu-server QemuServer.pm vm_start)
    api.sim.state.guests.get(102)!.config.lock = 'clone';
    const s = await api.run('POST', '/nodes/pve1/qemu/102/status/start');
    expect(s.exitstatus).toBe('VM is locked (clone)');
  });
});
