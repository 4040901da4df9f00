import { describe, expect, it } from 'vitest';
import { startSim, useMsw, waitFor } from './harness.js';

useMsw();

const resource = async (api: any, id: string) => (await api.get('/cluster/resources')).find((r: any) => r.id === id);

describe('power actions', () => {
  // qemu-server src/PVE/QemuServer.pm _do_vm_stop returns when there is no process (task OK);
  // pve-container src/PVE/API2/LXC/Status.pm vm_start dies before fork_worker (500, no UPID).
  it('ends a stop of a stopped VM OK and refuses a CT start when running before any task', async () => {
    const api = startSim();
    expect((await api.run('POST', '/nodes/pve1/qemu/102/status/stop')).exitstatus).toBe('OK');
    expect((await api.run('POST', '/nodes/pve1/qemu/102/status/shutdown')).exitstatus).toBe('OK');
    const ct = await api.call('POST', '/nodes/pve1/lxc/200/status/start');
    expect([ct.status, ct.statusText, ct.body.data]).toEqual([500, 'CT 200 already running', null]);
    const upid = await api.post('/nodes/pve1/lxc/200/status/shutdown');
    expect(upid).toContain(':vzshutdown:200:');
    await api.waitTask(upid);
    expect((await api.get('/nodes/pve1/lxc/200/status/current')).status).toBe('stopped');
  });

  it('suspends to paused (cluster/resources says paused), refuses shutdown unless forceStop', async () => {
    const api = startSim();
    await api.run('POST', '/nodes/pve1/qemu/100/status/suspend');
    expect(await api.get('/nodes/pve1/qemu/100/status/current')).toMatchObject({
      status: 'running',
      qmpstatus: 'paused',
    });
    expect((await resource(api, 'qemu/100')).status).toBe('paused');
    const list = await api.get('/nodes/pve1/qemu');
    expect(list.find((g: any) => g.vmid === 100)).toMatchObject({ status: 'running' });
    expect(list.find((g: any) => g.vmid === 100).qmpstatus).toBeUndefined();
    const r = await api.call('POST', '/nodes/pve1/qemu/100/status/shutdown');
    expect(r.status).toBe(500);
    expect(r.statusText).toBe('VM is paused - cannot shutdown');
    await api.run('POST', '/nodes/pve1/qemu/100/status/resume');
    expect((await resource(api, 'qemu/100')).status).toBe('running');
    await api.run('POST', '/nodes/pve1/qemu/100/status/suspend');
    const t = await api.run('POST', '/nodes/pve1/qemu/100/status/shutdown', { forceStop: 1 });
    expect(t.exitstatus).toBe('OK');
    expect((await resource(api, 'qemu/100')).status).toBe('stopped');
  });

  it('HA-managed guests get an hastop request task that ends at once; the state follows later', async () => {
    const api = startSim({ taskMs: 80 });
    const upid = await api.post('/nodes/pve3/qemu/103/status/stop');
    expect(upid).toContain(':hastop:103:');
    const st = await api.get(`/nodes/pve3/tasks/${encodeURIComponent(upid)}/status`);
    expect(st).toMatchObject({ status: 'stopped', exitstatus: 'OK' });
    expect(await resource(api, 'qemu/103')).toMatchObject({ status: 'running', hastate: 'request_stop' });
    expect((await api.get('/nodes/pve3/qemu/103/status/current')).ha).toMatchObject({ managed: 1, state: 'stopped' });
    await waitFor(async () => (await resource(api, 'qemu/103')).status === 'stopped');
    expect((await resource(api, 'qemu/103')).hastate).toBe('stopped');
    expect(await api.post('/nodes/pve3/qemu/103/status/start')).toContain(':hastart:103:');
    await waitFor(async () => (await resource(api, 'qemu/103')).status === 'running');
  });
});

describe('tasks', () => {
  it('lists tasks with RUNNING / exit text, filters and pages them', async () => {
    const api = startSim({ taskMs: 100 });
    api.sim.state.guests.get(200)!.config.lock = 'backup'; // a failed task: the lock is checked inside
    await api.run('POST', '/nodes/pve1/lxc/200/status/stop');
    const running = await api.post('/nodes/pve1/qemu/102/status/start');
    const r = await api.call('GET', '/nodes/pve1/tasks', { source: 'all' });
    expect(r.body.total).toBe(2);
    expect(r.body.data[0]).toMatchObject({
      upid: running,
      status: 'RUNNING',
      type: 'qmstart',
      id: '102',
      user: 'root@pam',
      tokenid: 'pvectl',
    });
    expect(r.body.data[1]).toMatchObject({ status: 'CT is locked (backup)', type: 'vzstop' });
    expect(await api.get('/nodes/pve1/tasks', { typefilter: 'vzstop' })).toHaveLength(1);
    expect(await api.get('/nodes/pve1/tasks', { statusfilter: 'error' })).toHaveLength(1);
    expect(await api.get('/nodes/pve1/tasks', { vmid: 100, source: 'all' })).toHaveLength(0);
    expect(await api.get('/nodes/pve1/tasks', { source: 'active' })).toHaveLength(1);
    expect(await api.get('/nodes/pve1/tasks', { source: 'all', limit: 1, start: 1 })).toHaveLength(1);
    await api.waitTask(running);
  });

  // pve-manager PVE/API2/Tasks.pm node_tasks ($filter_task): `since`/`until` compare the task's
  // starttime (the UPID's), for active and archived tasks alike
  it('filters the task list by starttime with since and until', async () => {
    const api = startSim({ taskMs: 100 });
    const upid: string = await api.post('/nodes/pve1/qemu/102/status/start');
    const start = parseInt(upid.split(':')[4]!, 16);
    const count = async (p: Record<string, unknown>) => (await api.get('/nodes/pve1/tasks', p)).length;
    expect(await count({ source: 'all', since: start })).toBe(1);
    expect(await count({ source: 'all', since: start + 1 })).toBe(0);
    expect(await count({ source: 'all', until: start })).toBe(1);
    expect(await count({ source: 'all', until: start - 1 })).toBe(0);
    await api.waitTask(upid);
    expect(await count({ since: start })).toBe(1);
    expect(await count({ since: start + 1 })).toBe(0);
  });

  it('stops a running task (interrupted by signal) and pages its log 1-based', async () => {
    const api = startSim({ taskMs: 500 });
    const upid = await api.post('/nodes/pve1/storage/local/download-url', {
      url: 'https://example.com/x.iso',
      content: 'iso',
      filename: 'x.iso',
    });
    const enc = encodeURIComponent(upid);
    expect(await api.del(`/nodes/pve1/tasks/${enc}`)).toBeNull();
    expect(await api.get(`/nodes/pve1/tasks/${enc}/status`)).toMatchObject({
      status: 'stopped',
      exitstatus: 'interrupted by signal',
    });
    const log = await api.call('GET', `/nodes/pve1/tasks/${enc}/log`, { start: 1, limit: 1 });
    expect(log.body.data).toEqual([{ n: 2, t: expect.any(String) }]);
    const all = await api.get(`/nodes/pve1/tasks/${enc}/log`);
    expect(all[0]).toEqual({ n: 1, t: 'downloading https://example.com/x.iso to /var/lib/vz/template/iso/x.iso' });
    expect(all.at(-1).t).toBe('TASK ERROR: interrupted by signal');
    expect(await api.get('/nodes/pve1/storage/local/content', { content: 'iso' })).toEqual([]);
    // pve-manager PVE/API2/Tasks.pm read_task_status: no log file on pve2 -> "no such task"
    const wrong = await api.call('GET', `/nodes/pve2/tasks/${enc}/status`);
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual({ upid: 'no such task' });
  });

  it('has cluster-wide tasks with decoded UPID fields', async () => {
    const api = startSim();
    const upid = await api.post('/nodes/pve2/qemu/101/status/reboot');
    await api.waitTask(upid);
    const tasks = await api.get('/cluster/tasks');
    expect(tasks[0]).toMatchObject({
      upid,
      node: 'pve2',
      type: 'qmreboot',
      id: '101',
      status: 'OK',
      endtime: expect.any(Number),
    });
    expect(tasks[0].pid).toBe(parseInt(upid.split(':')[2], 16));
  });

  // pve-common src/PVE/RESTEnvironment.pm active_workers: a node broadcasts its running tasks and
  // its latest ended ones, 25 in all ($MAX_FINISHED); pve-cluster Cluster.pm get_tasklist joins them
  it('keeps 25 tasks per node in /cluster/tasks, running ones first', async () => {
    const api = startSim();
    for (let i = 0; i < 30; i++) await api.run('POST', '/nodes/pve1/qemu/102/status/stop');
    await api.run('POST', '/nodes/pve2/qemu/101/status/reboot');
    const running = await api.post('/nodes/pve1/qemu/100/status/reboot');
    const tasks = await api.get('/cluster/tasks');
    const pve1 = tasks.filter((t: any) => t.node === 'pve1');
    expect(pve1).toHaveLength(25);
    expect(pve1.filter((t: any) => t.status === undefined).map((t: any) => t.upid)).toEqual([running]);
    expect(tasks.filter((t: any) => t.node === 'pve2')).toHaveLength(1);
    await api.waitTask(running);
  });
});

describe('start checks', () => {
  it('fails the start task when a NIC points at a bridge the node does not have', async () => {
    const api = startSim();
    await api.put('/nodes/pve1/qemu/102/config', { net1: 'virtio,bridge=vmbr9' });
    expect((await api.run('POST', '/nodes/pve1/qemu/102/status/start')).exitstatus).toBe(
      "bridge 'vmbr9' does not exist",
    );
    expect((await api.get('/nodes/pve1/qemu/102/status/current')).status).toBe('stopped');
  });
});
