// Resize, create, auth and task answers as Proxmox VE 9 gives them (issue 12, deviations 4-7).
// Each case names the source it mirrors.
import { describe, expect, it } from 'vitest';
import { startSim, useMsw } from './harness.js';

useMsw();

describe('deviation 4: resize errors', () => {
  // qemu-server src/PVE/API2/Qemu.pm resize_vm: $updatefn runs inside fork_worker('resize')
  it('qemu: a missing disk, a cdrom, a shrink and a lock all fail the task; the same size is a no-op', async () => {
    const api = startSim();
    const resize = (disk: string, size: string) => api.run('PUT', '/nodes/pve1/qemu/9000/resize', { disk, size });
    expect((await resize('scsi5', '+1G')).exitstatus).toBe("disk 'scsi5' does not exist");
    expect((await resize('ide2', '+1G')).exitstatus).toBe("you can't resize a cdrom");
    expect((await resize('scsi0', '1G')).exitstatus).toBe('shrinking disks is not supported');
    const same = await api.get('/nodes/pve1/qemu/9000/config');
    expect((await resize('scsi0', '+0G')).exitstatus).toBe('OK');
    expect(await api.get('/nodes/pve1/qemu/9000/config')).toEqual(same);
    api.sim.state.guests.get(100)!.config.lock = 'backup';
    const locked = await api.run('PUT', '/nodes/pve1/qemu/100/resize', { disk: 'scsi0', size: '+1G' });
    expect(locked.exitstatus).toBe('VM is locked (backup)');
  });

  // pve-container src/PVE/API2/LXC.pm resize_vm: $load_and_check runs once before fork_worker
  it('lxc: a shrink, the same size, a lock and a missing mount point are synchronous 500s', async () => {
    const api = startSim();
    const resize = (disk: string, size: string) => api.call('PUT', '/nodes/pve1/lxc/200/resize', { disk, size });
    const shrink = await resize('rootfs', '1G');
    expect([shrink.status, shrink.statusText]).toEqual([500, 'unable to shrink disk size']);
    const same = await resize('rootfs', '+0G');
    expect([same.status, same.statusText]).toEqual([500, 'disk is already at specified size']);
    // LXC::Config parse_volume('') -> pve-common JSONSchema.pm parse_property_string: raise "format error"
    const missing = await resize('mp3', '+1G');
    expect([missing.status, missing.statusText, missing.body.errors]).toEqual([
      500,
      'format error',
      { volume: 'property is missing and it is not optional' },
    ]);
    api.sim.state.guests.get(200)!.config.lock = 'backup';
    const locked = await resize('rootfs', '+1G');
    expect([locked.status, locked.statusText]).toEqual([500, 'CT is locked (backup)']);
    expect(api.sim.tasks.all).toEqual([]);
  });
});

describe('deviation 5: create on a taken VMID', () => {
  // Qemu.pm / LXC.pm create_vm: die "$emsg $@" around create_and_lock_config, whose
  // PVE::Cluster::check_vmid_unused says "<VM|CT> N already exists on node 'X'"
  it('prefixes "unable to create VM|CT N -" and names the existing guest and its node', async () => {
    const api = startSim();
    const vm = await api.call('POST', '/nodes/pve1/qemu', { vmid: 100, memory: 512 });
    expect([vm.status, vm.statusText]).toEqual([500, "unable to create VM 100 - VM 100 already exists on node 'pve1'"]);
    const onOther = await api.call('POST', '/nodes/pve1/qemu', { vmid: 201 });
    expect(onOther.statusText).toBe("unable to create VM 201 - CT 201 already exists on node 'pve2'");
    const ct = await api.call('POST', '/nodes/pve1/lxc', {
      vmid: 100,
      ostemplate: 'local:vztmpl/x.tar.zst',
    });
    expect(ct.statusText).toBe("unable to create CT 100 - VM 100 already exists on node 'pve1'");
  });
});

describe('deviation 6: 401 and 595 come from pve-http-server, with no body', () => {
  it('401: pve-manager PVE/HTTPServer.pm auth_handler dies, AnyEvent.pm sends the reason only', async () => {
    const api = startSim();
    const r = await api.call('GET', '/version', {}, { authorization: 'PVEAPIToken=root@pam!pvectl=wrong' });
    expect([r.status, r.statusText, r.body]).toEqual([401, 'Authentication failed!', '']);
    const none = await api.call('GET', '/version', {}, {});
    expect([none.status, none.statusText, none.body]).toEqual([401, 'No ticket', '']);
  });

  it("595: AnyEvent.pm proxy_request relays AnyEvent::HTTP's status, its reason ($!) and no body", async () => {
    const api = startSim();
    api.sim.setNodeOnline('pve2', false);
    const r = await api.call('GET', '/nodes/pve2/qemu');
    expect([r.status, r.statusText, r.body]).toEqual([595, 'No route to host', '']);
  });
});

describe('deviation 7: task ids (pve-manager PVE/API2/Tasks.pm)', () => {
  const unknown = 'UPID:pve1:0000AAAA:00000BBB:6000CCCC:qmstart:100:root@pam:';
  const enc = encodeURIComponent(unknown);

  it('read_task_status and stop_task: raise_param_exc({ upid => "no such task" })', async () => {
    const api = startSim();
    for (const [method, path] of [
      ['GET', `/nodes/pve1/tasks/${enc}/status`],
      ['DELETE', `/nodes/pve1/tasks/${enc}`],
    ] as const) {
      const r = await api.call(method, path);
      expect([r.status, r.statusText, r.body.errors]).toEqual([
        400,
        'Parameter verification failed.',
        { upid: 'no such task' },
      ]);
    }
  });

  it('an id that does not parse: raise_param_exc({ upid => "unable to parse worker upid" })', async () => {
    const api = startSim();
    const r = await api.call('GET', '/nodes/pve1/tasks/UPID:nonsense/status');
    expect([r.status, r.body.errors]).toEqual([400, { upid: 'unable to parse worker upid' }]);
  });

  it("read_task_log has no such check: pve-common Tools.pm dump_logfile's line", async () => {
    const api = startSim();
    const r = await api.call('GET', `/nodes/pve1/tasks/${enc}/log`);
    expect([r.status, r.body]).toEqual([
      200,
      { data: [{ n: 1, t: 'unable to open file - No such file or directory' }], total: 1 },
    ]);
  });
});
