// task list | show | wait | log against the in-process simulator.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ctrlCAfter, run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';

let s: InProcessSim;
const env = () => s.env;

/** Starts a guest action without waiting and returns its UPID. */
async function startTask(args: string[]): Promise<string> {
  const r = await run([...args, '--no-wait'], { env: env() });
  const upid = r.stdout.trim().split(' ')[2] ?? '';
  expect(upid).toMatch(/^UPID:/);
  return upid;
}

/**
 * Starts the template 9000 through `pvectl api`, whose task fails: `vm start` refuses a template
 * before sending anything, and these tests need a task that was accepted and then failed.
 */
async function startFailingTask(): Promise<string> {
  const r = await run(['api', 'post', '/nodes/pve1/qemu/9000/status/start', '-o', 'json'], { env: env() });
  const upid = JSON.parse(r.stdout) as string;
  expect(upid).toMatch(/^UPID:/);
  return upid;
}

function useSim(taskMs: number) {
  beforeEach(() => {
    s = startInProcessSim({ taskMs });
  });
  afterEach(() => {
    expect(s.sim.requestLog.filter((e) => e.violation)).toEqual([]);
    s.close();
  });
}

describe('task wait / show / log', () => {
  useSim(100);

  it('wait: OK line, exit 0', async () => {
    const upid = await startTask(['vm', 'start', 'db-1']);
    const r = await run(['task', 'wait', upid], { env: env() });
    expect(r).toEqual({ code: 0, stdout: `${upid} OK\n`, stderr: '' });
  });

  it('wait: a failed task exits 1 with its log tail', async () => {
    const upid = await startFailingTask();
    const r = await run(['task', 'wait', upid], { env: env() });
    expect(r).toEqual({
      code: 1,
      stdout: `${upid} FAILED: you can't start a vm if it's a template\n`,
      stderr:
        "Error: task qmstart 9000 failed: you can't start a vm if it's a template\nTask log (last lines):\n" +
        `  TASK ERROR: you can't start a vm if it's a template\nFull log: pvectl task log ${upid}\n`,
    });
  });

  it('wait on several: exit 1 when one failed, a line for each', async () => {
    const ok = await startTask(['vm', 'start', 'db-1']);
    const bad = await startFailingTask();
    const r = await run(['task', 'wait', ok, bad], { env: env() });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').sort()).toEqual([
      '',
      `${bad} FAILED: you can't start a vm if it's a template`,
      `${ok} OK`,
    ]);
    expect(r.stderr).toBe(`Error: 1 of 2 tasks failed (see above)\nLogs: pvectl task log ${bad}\n`);
  });

  it('a bad UPID is a usage error before anything is sent', async () => {
    const r = await run(['task', 'wait', 'UPID:pve1:nope'], { env: env() });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'Error: "UPID:pve1:nope" is not a UPID (expected UPID:node:pid:pstart:starttime:type:id:user:)\nSee ' +
        'recent tasks with: pvectl task list\n',
    });
    for (const verb of ['show', 'log']) expect((await run(['task', verb, 'bogus'], { env: env() })).code).toBe(2);
    expect(s.sim.requestLog).toEqual([]);
  });

  it('show: a finished task, then a failed one with its last log lines', async () => {
    const upid = await startTask(['vm', 'start', 'db-1']);
    await run(['task', 'wait', upid], { env: env() });
    const r = await run(['task', 'show', upid, '-o', 'json'], { env: env() });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      upid,
      node: 'pve1',
      type: 'qmstart',
      id: '102',
      user: 'root@pam!pvectl',
      status: 'OK',
      ok: true,
    });

    const bad = await startFailingTask();
    await run(['task', 'wait', bad], { env: env() });
    const shown = await run(['task', 'show', bad], { env: env() });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain("STATUS:    you can't start a vm if it's a template\n");
    expect(shown.stdout.endsWith("\nLog (last lines):\n  TASK ERROR: you can't start a vm if it's a template\n")).toBe(
      true,
    );
  });

  it('log: the text of each line', async () => {
    const resize = await run(['ct', 'resize', 'dns-1', '--disk', '+1G', '--no-wait'], { env: env() });
    const upid = s.sim.tasks.all[0]!.upid;
    expect(resize.stdout).toBe(`200 dns-1 rootfs 8G -> 9G (task ${upid})\n`);
    await run(['task', 'wait', upid], { env: env() });
    const r = await run(['task', 'log', upid], { env: env() });
    expect(r).toEqual({
      code: 0,
      stdout: '  Size of logical volume pve/vm-200-disk-0 changed from 8G to 9G.\nTASK OK\n',
      stderr: '',
    });
    const json = await run(['task', 'log', upid, '-o', 'json'], { env: env() });
    expect(JSON.parse(json.stdout)).toEqual([
      { n: 1, t: '  Size of logical volume pve/vm-200-disk-0 changed from 8G to 9G.' },
      { n: 2, t: 'TASK OK' },
    ]);
  });
});

describe('task log --follow and task list', () => {
  useSim(600);

  const download = () =>
    s.sim.tasks.start({
      node: 'pve1',
      type: 'download',
      id: 'local',
      who: { user: 'root@pam', tokenid: 'pvectl', authid: 'root@pam!pvectl', privs: '*', via: 'token' },
      log: ['downloading https://example.org/x.qcow2'],
      progress: ['downloaded 25% of 8.00 MiB', 'downloaded 50% of 8.00 MiB', 'downloaded 75% of 8.00 MiB'],
    }).upid;

  it('log --follow prints lines as they come, from start=<lines seen>, and exits with the task result', async () => {
    const upid = download();
    const r = await run(['task', 'log', '--follow', upid], { env: env() });
    expect(r).toEqual({
      code: 0,
      stdout:
        'downloading https://example.org/x.qcow2\ndownloaded 25% of 8.00 MiB\ndownloaded 50% of 8.00 ' +
        'MiB\ndownloaded 75% of 8.00 MiB\nTASK OK\n',
      stderr: '',
    });
    const starts = s.sim.requestLog.filter((e) => e.path.endsWith('/log')).map((e) => Number(e.params.start));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(starts[0]).toBe(0);
    expect(starts.at(-1)).toBeGreaterThan(1);
  });

  it('task wait on a TTY shows the download percentage from the log', async () => {
    const upid = download();
    const r = await run(['task', 'wait', upid], { env: env(), tty: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${upid} OK\n`);
    expect(r.stderr).toContain('Waiting for task download local');
    expect(r.stderr).toMatch(/Waiting for task download local (25|50|75)% \(\d+s\)/);
  });

  it('log --follow of a failing task exits 1', async () => {
    // a reboot of a stopped VM is refused before any task (qemu-server Qemu.pm vm_reboot); a
    // locked running VM still gets a task that fails under the lock (QemuServer.pm vm_reboot)
    s.sim.state.guests.get(100)!.config.lock = 'backup';
    const upid = await startTask(['vm', 'reboot', 'web-1']);
    const r = await run(['task', 'log', '-f', upid], { env: env() });
    expect(r).toEqual({
      code: 1,
      stdout: 'TASK ERROR: VM is locked (backup)\n',
      stderr: 'Error: task qmreboot 100 failed: VM is locked (backup)\n',
    });
  });

  it('Ctrl-C while waiting: exit 130 with the UPID and the resume command', async () => {
    const upid = await startTask(['vm', 'start', 'db-1']);
    const ac = ctrlCAfter(s, 150);
    const r = await run(['task', 'wait', upid], { env: env(), signal: ac });
    expect(r).toEqual({
      code: 130,
      stdout: '',
      stderr:
        `Error: interrupted; still running on the cluster: ${upid}\nResume waiting with: pvectl task wait ` +
        `${upid}\n`,
    });
    expect(s.sim.tasks.all[0]!.status).toBe('running');
  });

  it('wait --timeout: exit 6', async () => {
    const upid = await startTask(['vm', 'start', 'db-1']);
    const r = await run(['task', 'wait', upid, '--timeout', '100ms'], { env: env() });
    expect(r.code).toBe(6);
    expect(r.stderr).toBe(
      `Error: timed out waiting for task ${upid}; it is still running\nWait again with: pvectl task wait ${upid}\n`,
    );
  });

  it('list: running and finished tasks, cluster-wide or per node', async () => {
    const running = await startTask(['vm', 'start', 'db-1']);
    const other = await startTask(['ct', 'start', 'cache-1']);
    const all = await run(['task', 'list', '-o', 'json'], { env: env() });
    const rows = JSON.parse(all.stdout) as Record<string, unknown>[];
    expect(rows.map((t) => [t.upid, t.status])).toEqual(
      expect.arrayContaining([
        [running, 'RUNNING'],
        [other, 'RUNNING'],
      ]),
    );
    expect(rows[0]).toMatchObject({
      type: expect.any(String),
      node: expect.any(String),
      user: 'root@pam!pvectl',
      ok: null,
    });

    const pve2 = await run(['task', 'list', '--node', 'pve2', '--running', '-o', 'id'], { env: env() });
    expect(pve2).toEqual({ code: 0, stdout: `${other}\n`, stderr: '' });

    await run(['task', 'wait', running, other], { env: env() });
    const none = await run(['task', 'list', '--running'], { env: env() });
    expect(none).toEqual({ code: 0, stdout: '', stderr: '' });
    const table = await run(['task', 'list', '--node', 'pve1', '--limit', '1'], { env: env() });
    expect(table.stdout.split('\n')[0]).toMatch(/^UPID +NODE +TYPE +ID +USER +STARTED +STATUS +DURATION$/);
    expect(table.stdout.split('\n')[1]).toMatch(
      new RegExp(`^${running.replace(/[!]/g, '\\!')} +pve1 +qmstart +102 +root@pam!pvectl .* OK +`),
    );
    expect(s.sim.requestLog.filter((e) => e.path === '/nodes/pve1/tasks').at(-1)?.params).toEqual({
      limit: '1',
      source: 'all',
    });
  });
});
