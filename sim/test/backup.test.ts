// vzdump, backup volumes and restore through create, against the sources cited in src/sim:
// pve-manager PVE/API2/VZDump.pm + PVE/VZDump.pm (names, lock), pve-storage PVE/API2/Storage/Content.pm
// (imgdel, protected refused in Plugin.pm free_image), qemu-server/pve-container create_vm (restore).
import { describe, expect, it } from 'vitest';
import { startSim, useMsw } from './harness.js';

useMsw();

const enc = encodeURIComponent;

describe('vzdump', () => {
  it('writes a volume with Proxmox naming, notes, protection and a size; locks the guest meanwhile', async () => {
    const api = startSim();
    const upid = await api.post('/nodes/pve1/vzdump', {
      vmid: '102',
      storage: 'local',
      mode: 'stop',
      compress: 'zstd',
      'notes-template': '{{guestname}} on {{node}}\\nsecond line',
      protected: 1,
    });
    expect(upid).toMatch(/^UPID:pve1:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:vzdump:102:root@pam!pvectl:$/);
    expect(api.sim.state.guests.get(102)!.config.lock).toBe('backup');
    const t = await api.waitTask(upid);
    expect(t.exitstatus).toBe('OK');
    expect(t.lines).toContain('INFO: Backup job finished successfully');
    expect(api.sim.state.guests.get(102)!.config.lock).toBeUndefined();
    const list = await api.get('/nodes/pve1/storage/local/content', { content: 'backup' });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      content: 'backup',
      vmid: 102,
      subtype: 'qemu',
      format: 'vma.zst',
      notes: 'db-1 on pve1',
      protected: 1,
    });
    expect(list[0].volid).toMatch(/^local:backup\/vzdump-qemu-102-\d{4}_\d\d_\d\d-\d\d_\d\d_\d\d\.vma\.zst$/);
    expect(list[0].size).toBeGreaterThan(0);
  });

  it('answers "OK" (no task) when no guest is on the node, and refuses a storage without backups', async () => {
    const api = startSim();
    expect(await api.post('/nodes/pve2/vzdump', { vmid: '102', storage: 'local' })).toBe('OK');
    const r = await api.call('POST', '/nodes/pve1/vzdump', { vmid: '102', storage: 'local-lvm' });
    expect(r.statusText).toBe("storage 'local-lvm' does not support backups");
    api.sim.setNodeOnline('pve2', false);
    expect((await api.call('POST', '/nodes/pve2/vzdump', { vmid: '101' })).status).toBe(595);
  });

  it('a protected backup is refused inside the imgdel task; unprotected, it goes', async () => {
    const api = startSim();
    await api.run('POST', '/nodes/pve2/vzdump', { vmid: '201', storage: 'local', protected: 1 });
    const [vol] = await api.get('/nodes/pve2/storage/local/content', { content: 'backup' });
    expect(vol.volid).toMatch(/^local:backup\/vzdump-lxc-201-.*\.tar$/);
    const path = `/nodes/pve2/storage/local/content/${enc(vol.volid)}`;
    const t = await api.run('DELETE', path);
    expect(t.exitstatus).toBe(`cannot remove protected volume '${vol.volid.slice(6)}' on 'local'`);
    await api.put(path, { protected: 0 });
    expect((await api.run('DELETE', path)).exitstatus).toBe('OK');
    expect(await api.get('/nodes/pve2/storage/local/content', { content: 'backup' })).toEqual([]);
  });
});

describe('restore through create', () => {
  it('restores a VM from archive to a new VMID with the saved config; refuses an existing one', async () => {
    const api = startSim();
    await api.run('POST', '/nodes/pve1/vzdump', { vmid: '102', storage: 'local' });
    const [vol] = await api.get('/nodes/pve1/storage/local/content', { content: 'backup' });
    const taken = await api.call('POST', '/nodes/pve1/qemu', { vmid: 102, archive: vol.volid });
    expect(taken.statusText).toBe("unable to restore VM 102 - VM 102 already exists on node 'pve1'");
    await api.put('/nodes/pve1/qemu/102/config', { protection: 1 });
    const prot = await api.call('POST', '/nodes/pve1/qemu', { vmid: 102, archive: vol.volid, force: 1 });
    expect(prot.statusText).toBe('unable to restore VM 102 - - protection mode enabled');
    const upid = await api.post('/nodes/pve1/qemu', { vmid: 150, archive: vol.volid, name: 'db-restored' });
    expect(upid).toContain(':qmrestore:150:');
    expect((await api.waitTask(upid)).exitstatus).toBe('OK');
    const cfg = await api.get('/nodes/pve1/qemu/150/config');
    expect(cfg).toMatchObject({ name: 'db-restored', memory: '4096', cores: 4 });
    expect(cfg.scsi0).toMatch(/^local-lvm:vm-150-disk-0,.*size=64G$/);
  });

  it('restores a container over itself with force when stopped; refuses a running one', async () => {
    const api = startSim();
    await api.run('POST', '/nodes/pve1/vzdump', { vmid: '200', storage: 'local' });
    const [vol] = await api.get('/nodes/pve1/storage/local/content', { content: 'backup' });
    const params = { vmid: 200, ostemplate: vol.volid, restore: 1, force: 1 };
    expect((await api.call('POST', '/nodes/pve1/lxc', params)).statusText).toBe("can't overwrite running container");
    await api.run('POST', '/nodes/pve1/lxc/200/status/stop');
    const t = await api.run('POST', '/nodes/pve1/lxc', params);
    expect(t.exitstatus).toBe('OK');
    const cfg = await api.get('/nodes/pve1/lxc/200/config');
    expect(cfg).toMatchObject({ hostname: 'dns-1' });
    expect(cfg.rootfs).toMatch(/^local-lvm:vm-200-disk-1,size=8G$/);
    const disks = await api.get('/nodes/pve1/storage/local-lvm/content', { vmid: 200 });
    expect(disks.map((d: { volid: string }) => d.volid)).toEqual(['local-lvm:vm-200-disk-1']);
  });
});
