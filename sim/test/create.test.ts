import { describe, expect, it } from 'vitest';
import { startSim, useMsw, waitFor } from './harness.js';

useMsw();

describe('QEMU create', () => {
  it('shows the config with lock: create while the task runs, then the full config', async () => {
    const api = startSim({ taskMs: 80 });
    const id = Number(await api.get('/cluster/nextid'));
    const upid = await api.post('/nodes/pve1/qemu', {
      vmid: id,
      name: 'app-1',
      memory: 2048,
      cores: 2,
      scsi0: 'local-lvm:32',
      net0: 'virtio,bridge=vmbr0',
      ide2: 'local-lvm:cloudinit',
      ipconfig0: 'ip=dhcp',
      ciuser: 'admin',
      cipassword: 'secret1',
      tags: 'Web,prod',
      agent: 1,
    });
    expect(upid).toContain(`:qmcreate:${id}:root@pam!pvectl:`);
    expect(await api.get(`/nodes/pve1/qemu/${id}/config`)).toMatchObject({ lock: 'create' });
    const res = await api.get('/cluster/resources', { type: 'vm' });
    expect(res.find((r: any) => r.vmid === id)).toMatchObject({ lock: 'create' });
    expect((await api.waitTask(upid)).exitstatus).toBe('OK');
    const cfg = await api.get(`/nodes/pve1/qemu/${id}/config`);
    expect(cfg.lock).toBeUndefined();
    expect(cfg).toMatchObject({
      name: 'app-1',
      memory: '2048',
      cores: 2,
      agent: '1',
      tags: 'prod;web',
      cipassword: '**********',
      scsi0: `local-lvm:vm-${id}-disk-0,size=32G`,
      ide2: `local-lvm:vm-${id}-cloudinit,media=cdrom`,
    });
    expect(cfg.net0).toMatch(/^virtio=BC:24:11:[0-9A-F]{2}:[0-9A-F]{2}:[0-9A-F]{2},bridge=vmbr0$/);
    expect(cfg.digest).toMatch(/^[0-9a-f]{40}$/);
    const content = await api.get('/nodes/pve1/storage/local-lvm/content', { vmid: id });
    expect(content.map((c: any) => c.volid).sort()).toEqual([
      `local-lvm:vm-${id}-cloudinit`,
      `local-lvm:vm-${id}-disk-0`,
    ]);
  });

  it('imports a downloaded cloud image: the disk gets the image size', async () => {
    const api = startSim();
    const dl = await api.run('POST', '/nodes/pve1/storage/local/download-url', {
      url: 'https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2',
      content: 'import',
      filename: 'debian-12.qcow2',
    });
    expect(dl.exitstatus).toBe('OK');
    const [img] = await api.get('/nodes/pve1/storage/local/content', { content: 'import' });
    expect(img).toMatchObject({ volid: 'local:import/debian-12.qcow2', format: 'qcow2' });
    const t = await api.run('POST', '/nodes/pve1/qemu', {
      vmid: 150,
      scsi0: 'local-lvm:0,import-from=local:import/debian-12.qcow2',
    });
    expect(t.exitstatus).toBe('OK');
    const cfg = await api.get('/nodes/pve1/qemu/150/config');
    expect(cfg.scsi0).toMatch(/^local-lvm:vm-150-disk-0,size=[234]G$/);
  });

  it('fails inside the task when the import source is missing, and removes the config', async () => {
    const api = startSim();
    const t = await api.run('POST', '/nodes/pve1/qemu', {
      vmid: 151,
      scsi0: 'local-lvm:0,import-from=local:import/nope.qcow2',
    });
    expect(t.exitstatus).toBe("unable to create VM 151 - volume 'local:import/nope.qcow2' does not exist");
    expect((await api.call('GET', '/nodes/pve1/qemu/151/config')).status).toBe(500);
  });

  it('rejects a taken vmid at request time; two clients using the same nextid race and one loses', async () => {
    const api = startSim();
    const r = await api.call('POST', '/nodes/pve1/qemu', { vmid: 100, memory: 512 });
    expect(r.status).toBe(500);
    // qemu-server Qemu.pm create_vm: "$emsg $@" around create_and_lock_config
    expect(r.statusText).toBe("unable to create VM 100 - VM 100 already exists on node 'pve1'");
    const a = await api.get('/cluster/nextid');
    const b = await api.get('/cluster/nextid');
    expect(a).toBe(b);
    const [ra, rb] = await Promise.all([
      api.call('POST', '/nodes/pve1/qemu', { vmid: a, name: 'a' }),
      api.call('POST', '/nodes/pve2/qemu', { vmid: b, name: 'b' }),
    ]);
    const statuses = [ra.status, rb.status].sort();
    expect(statuses).toEqual([200, 500]);
    expect([ra, rb].find((x) => x.status === 500)!.statusText).toMatch(
      new RegExp(`^unable to create VM ${a} - VM ${a} already exists`),
    );
  });

  it('staleNextId hands out ids that are already taken', async () => {
    const api = startSim();
    api.sim.faults.staleNextId = 2;
    const stale = Number(await api.get('/cluster/nextid'));
    expect(api.sim.state.guests.has(stale)).toBe(true);
    await api.get('/cluster/nextid');
    expect(api.sim.faults.staleNextId).toBe(0);
    expect(api.sim.state.guests.has(Number(await api.get('/cluster/nextid')))).toBe(false);
  });

  it('starts the VM after create with start=1 and adds it to pool and HA', async () => {
    const api = startSim();
    await api.run('POST', '/nodes/pve2/qemu', {
      vmid: 160,
      scsi0: 'local-lvm:8',
      start: 1,
      pool: 'dev',
      'ha-managed': 1,
    });
    const res = await api.get('/cluster/resources', { type: 'vm' });
    expect(res.find((r: any) => r.vmid === 160)).toMatchObject({
      status: 'running',
      pool: 'dev',
      hastate: 'started',
      node: 'pve2',
    });
    const bad = await api.call('POST', '/nodes/pve1/qemu', { vmid: 161, pool: 'nope' });
    expect(bad.statusText).toBe("pool 'nope' does not exist");
  });
});

describe('LXC create', () => {
  it('creates an unprivileged CT from a downloaded template', async () => {
    const api = startSim();
    const t = await api.run('POST', '/nodes/pve1/lxc', {
      vmid: 210,
      hostname: 'ct-a',
      ostemplate: 'local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst',
      rootfs: 'local-lvm:8',
      memory: 1024,
      net0: 'name=eth0,bridge=vmbr0,ip=dhcp',
      'ssh-public-keys': 'ssh-ed25519 AAAA x@y',
      password: 'secret1',
    });
    expect(t.exitstatus).toBe('OK');
    expect(t.lines.some((l) => l.startsWith('extracting archive'))).toBe(true);
    const cfg = await api.get('/nodes/pve1/lxc/210/config');
    expect(cfg).toMatchObject({
      hostname: 'ct-a',
      unprivileged: 1,
      memory: 1024,
      ostype: 'debian',
      rootfs: 'local-lvm:vm-210-disk-0,size=8G',
    });
    expect(cfg.password).toBeUndefined();
    expect(cfg.net0).toMatch(/^name=eth0,bridge=vmbr0,ip=dhcp,hwaddr=BC:24:11:.{8},type=veth$/);
  });

  it('fails inside the task when the template is not on that node', async () => {
    const api = startSim();
    const t = await api.run('POST', '/nodes/pve2/lxc', {
      vmid: 211,
      ostemplate: 'local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst',
      rootfs: 'local-lvm:4',
    });
    expect(t.exitstatus).toBe(
      "unable to create CT 211 - volume 'local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst' does not exist",
    );
    expect(t.lines.at(-1)).toMatch(/^TASK ERROR: unable to create CT 211/);
    await waitFor(async () => !api.sim.state.guests.has(211));
  });

  it('refuses a rootfs on a storage without container content', async () => {
    const api = startSim();
    const r = await api.call('POST', '/nodes/pve1/lxc', {
      vmid: 212,
      ostemplate: 'local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst',
    });
    expect(r.status).toBe(500);
    expect(r.statusText).toBe("storage 'local' does not support container directories");
  });
});
