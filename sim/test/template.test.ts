// POST …/template, checked in the order of qemu-server src/PVE/API2/Qemu.pm `template`
// ($load_and_check: lock, snapshots, already a template, running) and pve-container
// src/PVE/API2/LXC.pm `template` (same order, "if the CT is running"; the API answers null).
import { describe, expect, it } from 'vitest';
import { startSim, useMsw } from './harness.js';

useMsw();

describe('template', () => {
  it('refuses a guest with snapshots before the running check, for both kinds', async () => {
    const api = startSim();
    await api.run('POST', '/nodes/pve1/qemu/102/snapshot', { snapname: 's1' });
    const r = await api.call('POST', '/nodes/pve1/qemu/102/template');
    expect(r.statusText).toBe('unable to create template, because VM contains snapshots');
    await api.run('POST', '/nodes/pve1/lxc/200/snapshot', { snapname: 's1' });
    const ct = await api.call('POST', '/nodes/pve1/lxc/200/template');
    expect(ct.statusText).toBe('unable to create template, because CT contains snapshots');
  });

  it("refuses a running CT with pve-container's words; a stopped one converts at once (null)", async () => {
    const api = startSim();
    const r = await api.call('POST', '/nodes/pve1/lxc/200/template');
    expect(r.statusText).toBe("you can't convert a CT to template if the CT is running");
    expect(await api.post('/nodes/pve2/lxc/201/template')).toBeNull();
    expect(await api.get('/nodes/pve2/lxc/201/config')).toMatchObject({ template: 1 });
    const again = await api.call('POST', '/nodes/pve2/lxc/201/template');
    expect(again.statusText).toBe("you can't convert a template to a template");
  });
});
