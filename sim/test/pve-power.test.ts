// Power actions answer as Proxmox VE 9 does (issue 12, deviations 1-3). Each case names the
// source it mirrors: qemu-server src/PVE/API2/Qemu.pm and src/PVE/QemuServer.pm, pve-container
// src/PVE/API2/LXC/Status.pm.
import { describe, expect, it } from 'vitest';
import { startSim, useMsw, type Api } from './harness.js';

useMsw();

const writes = (api: Api) => api.sim.requestLog.filter((e) => e.method !== 'GET');

// A synchronous refusal: HTTP 500, the reason in the status line and the body, no UPID, no task.
async function refused(api: Api, path: string, reason: string) {
  const before = api.sim.tasks.all.length;
  const r = await api.call('POST', path);
  expect({ status: r.status, statusText: r.statusText, body: r.body }).toEqual({
    status: 500,
    statusText: reason,
    body: { data: null, message: `${reason}\n` },
  });
  expect(api.sim.tasks.all.length).toBe(before);
}

describe('deviation 1: wrong-state power actions are refused before any task', () => {
  it('CT start of a running CT: Status.pm vm_start dies "CT … already running" before fork_worker', async () => {
    const api = startSim();
    await refused(api, '/nodes/pve1/lxc/200/status/start', 'CT 200 already running');
  });

  it('CT stop/shutdown/suspend of a stopped CT: Status.pm vm_stop, vm_shutdown, vm_suspend', async () => {
    const api = startSim();
    for (const action of ['stop', 'shutdown', 'suspend']) {
      await refused(api, `/nodes/pve2/lxc/201/status/${action}`, 'CT 201 not running');
    }
  });

  it('CT reboot of a stopped CT: Status.pm vm_reboot, whose text says "VM"', async () => {
    const api = startSim();
    await refused(api, '/nodes/pve2/lxc/201/status/reboot', 'VM 201 not running');
  });

  it('CT resume of a running CT: Status.pm vm_resume dies "CT … already running"', async () => {
    const api = startSim();
    await refused(api, '/nodes/pve1/lxc/200/status/resume', 'CT 200 already running');
  });

  it('VM reboot/suspend/resume/reset of a stopped VM: Qemu.pm vm_reboot, vm_suspend, vm_resume, vm_reset', async () => {
    const api = startSim();
    for (const action of ['reboot', 'suspend', 'resume', 'reset']) {
      await refused(api, `/nodes/pve1/qemu/102/status/${action}`, 'VM 102 not running');
    }
    expect(writes(api).map((e) => e.status)).toEqual([500, 500, 500, 500]);
  });

  it('VM start of a running VM fails inside the task: QemuServer.pm vm_start dies under the lock', async () => {
    const api = startSim();
    const t = await api.run('POST', '/nodes/pve1/qemu/100/status/start');
    expect(t.exitstatus).toBe('VM 100 already running');
  });

  it('VM pause is a qmpause task (Qemu.pm vm_suspend: qmsuspend only when todisk)', async () => {
    const api = startSim();
    expect(await api.post('/nodes/pve1/qemu/100/status/suspend')).toContain(':qmpause:100:');
  });

  it('CT suspend checkpoints and stops the CT; resume restores it (Status.pm: lxc-checkpoint -s / -r)', async () => {
    const api = startSim();
    expect((await api.run('POST', '/nodes/pve1/lxc/200/status/suspend')).exitstatus).toBe('OK');
    expect((await api.get('/nodes/pve1/lxc/200/status/current')).status).toBe('stopped');
    expect((await api.run('POST', '/nodes/pve1/lxc/200/status/resume')).exitstatus).toBe('OK');
    expect((await api.get('/nodes/pve1/lxc/200/status/current')).status).toBe('running');
    // nothing to restore on a CT that was stopped normally: lxc-checkpoint -r fails in the task
    const t = await api.run('POST', '/nodes/pve2/lxc/201/status/resume');
    expect(t.exitstatus).toMatch(/^command 'lxc-checkpoint -n 201 -r .*' failed: exit code 1$/);
  });
});

describe('deviation 2: VM stop or shutdown of a stopped VM ends OK', () => {
  it('QemuServer.pm _do_vm_stop returns when there is no process', async () => {
    const api = startSim();
    for (const action of ['stop', 'shutdown']) {
      const upid = await api.post(`/nodes/pve1/qemu/102/status/${action}`);
      expect(upid).toContain(`:qm${action}:102:`);
      expect((await api.waitTask(upid)).exitstatus).toBe('OK');
    }
    expect((await api.get('/nodes/pve1/qemu/102/status/current')).status).toBe('stopped');
  });
});

describe('deviation 3: the config lock of a power action is taken inside the task', () => {
  it('a locked guest gets a UPID and a failed task (PVE::AbstractConfig check_lock in the worker)', async () => {
    const api = startSim();
    api.sim.state.guests.get(100)!.config.lock = 'backup';
    api.sim.state.guests.get(200)!.config.lock = 'snapshot';
    api.sim.state.guests.get(102)!.config.lock = 'backup';
    for (const action of ['stop', 'shutdown', 'reboot', 'suspend', 'reset']) {
      const t = await api.run('POST', `/nodes/pve1/qemu/100/status/${action}`);
      expect({ action, exit: t.exitstatus }).toEqual({ action, exit: 'VM is locked (backup)' });
    }
    expect((await api.run('POST', '/nodes/pve1/qemu/102/status/start')).exitstatus).toBe('VM is locked (backup)');
    for (const action of ['stop', 'shutdown', 'suspend']) {
      const t = await api.run('POST', `/nodes/pve1/lxc/200/status/${action}`);
      expect({ action, exit: t.exitstatus }).toEqual({ action, exit: 'CT is locked (snapshot)' });
    }
    expect((await api.get('/nodes/pve1/qemu/100/status/current')).status).toBe('running');
    expect((await api.get('/nodes/pve1/lxc/200/status/current')).status).toBe('running');
  });

  it('a stopped VM with a lock still stops OK: _do_vm_stop returns before check_lock', async () => {
    const api = startSim();
    api.sim.state.guests.get(102)!.config.lock = 'backup';
    expect((await api.run('POST', '/nodes/pve1/qemu/102/status/stop')).exitstatus).toBe('OK');
  });
});
