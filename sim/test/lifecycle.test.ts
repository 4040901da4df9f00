import { describe, expect, it } from 'vitest';
import { startSim, useMsw } from './harness.js';

useMsw();

describe('delete', () => {
  it('refuses a running VM inside the task and a protected one at request time', async () => {
    const api = startSim();
    expect((await api.run('DELETE', '/nodes/pve1/qemu/100')).exitstatus).toBe('VM 100 is running - destroy failed');
    await api.put('/nodes/pve1/qemu/102/config', { protection: 1 });
    const r = await api.call('DELETE', '/nodes/pve1/qemu/102');
    expect(r.status).toBe(500);
    expect(r.statusText).toBe("can't remove VM 102 - protection mode enabled");
    const ct = await api.call('DELETE', '/nodes/pve1/lxc/200');
    expect(ct.statusText).toBe('unable to destroy CT 200 - container is running');
  });

  it('removes the guest and its disks; purge also drops HA', async () => {
    const api = startSim();
    const t = await api.run('DELETE', '/nodes/pve1/qemu/102', { purge: 1, 'destroy-unreferenced-disks': 1 });
    expect(t.exitstatus).toBe('OK');
    expect(t.lines).toContain('  Logical volume "vm-102-disk-0" successfully removed.');
    expect((await api.call('GET', '/nodes/pve1/qemu/102/config')).status).toBe(500);
    expect(await api.get('/nodes/pve1/storage/local-lvm/content', { vmid: 102 })).toEqual([]);
    const ha = await api.call('DELETE', '/nodes/pve3/qemu/103');
    expect(ha.statusText).toBe('unable to remove VM 103 - used in HA resources and purge parameter not set.');
    expect((await api.run('DELETE', '/nodes/pve2/lxc/201', { force: 1 })).exitstatus).toBe('OK');
  });
});

describe('resize', () => {
  it('grows relative and absolute, refuses to shrink inside the task', async () => {
    const api = startSim();
    await api.run('PUT', '/nodes/pve1/qemu/100/resize', { disk: 'scsi0', size: '+10G' });
    expect((await api.get('/nodes/pve1/qemu/100/config')).scsi0).toBe('local-lvm:vm-100-disk-0,iothread=1,size=42G');
    await api.run('PUT', '/nodes/pve1/qemu/100/resize', { disk: 'scsi0', size: '50G' });
    const res = await api.get('/cluster/resources', { type: 'vm' });
    expect(res.find((r: any) => r.vmid === 100).maxdisk).toBe(50 * 1024 ** 3);
    expect((await api.run('PUT', '/nodes/pve1/qemu/100/resize', { disk: 'scsi0', size: '20G' })).exitstatus).toBe(
      'shrinking disks is not supported',
    );
    await api.run('PUT', '/nodes/pve1/lxc/200/resize', { disk: 'rootfs', size: '+2G' });
    expect((await api.get('/nodes/pve1/lxc/200/config')).rootfs).toBe('local-lvm:vm-200-disk-0,size=10G');
  });
});

describe('clone', () => {
  it('makes a linked clone of the template and a full clone of a normal VM', async () => {
    const api = startSim({ taskMs: 60 });
    const upid = await api.post('/nodes/pve1/qemu/9000/clone', { newid: 300, name: 'from-tpl', pool: 'dev' });
    expect(upid).toContain(':qmclone:9000:');
    expect(await api.get('/nodes/pve1/qemu/300/config')).toMatchObject({ lock: 'clone' });
    const t = await api.waitTask(upid);
    expect(t.lines).toContain('create linked clone of drive scsi0 (local-lvm:base-9000-disk-0)');
    const cfg = await api.get('/nodes/pve1/qemu/300/config');
    expect(cfg).toMatchObject({
      name: 'from-tpl',
      scsi0: 'local-lvm:base-9000-disk-0/vm-300-disk-0,iothread=1,size=3G',
      ide2: 'local-lvm:vm-300-cloudinit,media=cdrom',
    });
    expect(cfg.template).toBeUndefined();
    const tpl = await api.get('/nodes/pve1/qemu/9000/config');
    expect(cfg.net0).not.toBe(tpl.net0);
    const full = await api.run('POST', '/nodes/pve1/qemu/100/clone', { newid: 301, full: 0 });
    expect(full.lines).toContain('create full clone of drive scsi0 (local-lvm:vm-100-disk-0)');
    expect((await api.get('/nodes/pve1/qemu/301/config')).name).toBe('Copy-of-VM-web-1');
    const other = await api.call('POST', '/nodes/pve1/qemu/100/clone', { newid: 302, target: 'pve2' });
    expect(other.statusText).toBe("can't clone VM to node 'pve2' (VM uses local storage)");
    const dup = await api.call('POST', '/nodes/pve1/qemu/100/clone', { newid: 101 });
    expect(dup.statusText).toBe("VM 101 already exists on node 'pve2'");
  });
});

describe('migrate', () => {
  it('needs online=1 for a running VM and moves the guest when the task ends', async () => {
    const api = startSim({ taskMs: 60 });
    const pre = await api.get('/nodes/pve1/qemu/100/migrate');
    expect(pre).toMatchObject({ running: 1, allowed_nodes: ['pve2', 'pve3'] });
    const r = await api.call('POST', '/nodes/pve1/qemu/100/migrate', { target: 'pve2' });
    expect(r.statusText).toBe("can't migrate running VM without --online");
    const upid = await api.post('/nodes/pve1/qemu/100/migrate', { target: 'pve2', online: 1 });
    expect((await api.get('/nodes/pve1/qemu/100/config')).lock).toBe('migrate');
    expect((await api.waitTask(upid)).exitstatus).toBe('OK');
    expect((await api.get('/nodes/pve2/qemu/100/status/current')).status).toBe('running');
    expect((await api.call('GET', '/nodes/pve1/qemu/100/config')).status).toBe(500);
    const ct = await api.call('POST', '/nodes/pve1/lxc/200/migrate', { target: 'pve3' });
    expect(ct.statusText).toBe("can't migrate running container without --online or --restart");
    await api.run('POST', '/nodes/pve1/lxc/200/migrate', { target: 'pve3', restart: 1 });
    expect((await api.get('/nodes/pve3/lxc/200/status/current')).status).toBe('running');
  });
});

describe('snapshots and templates', () => {
  it('creates, lists with current, rolls back and deletes snapshots', async () => {
    const api = startSim();
    await api.run('POST', '/nodes/pve1/qemu/102/snapshot', { snapname: 'before', description: 'first' });
    await api.put('/nodes/pve1/qemu/102/config', { memory: 8192 });
    await api.run('POST', '/nodes/pve1/qemu/102/snapshot', { snapname: 'after' });
    const list = await api.get('/nodes/pve1/qemu/102/snapshot');
    expect(list.map((s: any) => s.name)).toEqual(['before', 'after', 'current']);
    expect(list.find((s: any) => s.name === 'current')).toMatchObject({
      description: 'You are here!',
      parent: 'after',
    });
    expect(list.find((s: any) => s.name === 'after').parent).toBe('before');
    expect((await api.run('POST', '/nodes/pve1/qemu/102/snapshot', { snapname: 'before' })).exitstatus).toBe(
      "snapshot name 'before' already used",
    );
    await api.run('POST', '/nodes/pve1/qemu/102/snapshot/before/rollback');
    expect(await api.get('/nodes/pve1/qemu/102/config')).toMatchObject({ memory: '4096', parent: 'before' });
    await api.run('DELETE', '/nodes/pve1/qemu/102/snapshot/after');
    expect((await api.get('/nodes/pve1/qemu/102/snapshot')).map((s: any) => s.name)).toEqual(['before', 'current']);
    const reserved = await api.call('POST', '/nodes/pve1/qemu/102/snapshot', { snapname: 'current' });
    expect(reserved.status).toBe(500);
  });

  it('converts a stopped VM into a template (base- volumes) and refuses a running one', async () => {
    const api = startSim();
    const r = await api.call('POST', '/nodes/pve1/qemu/100/template');
    expect(r.statusText).toBe("you can't convert a VM to template if VM is running");
    await api.run('POST', '/nodes/pve1/qemu/102/template');
    expect(await api.get('/nodes/pve1/qemu/102/config')).toMatchObject({
      template: 1,
      scsi0: 'local-lvm:base-102-disk-0,iothread=1,size=64G',
    });
    expect((await api.run('POST', '/nodes/pve1/qemu/102/status/start')).exitstatus).toBe(
      "you can't start a vm if it's a template",
    );
  });
});
