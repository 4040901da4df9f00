// vm/ct start|stop|shutdown|reboot|suspend|resume against the in-process simulator.
import { http } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ctrlCAfter, run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';
import { stopGuest } from '../../sim/src/model/guest-factory.js';

let s: InProcessSim;
const writes = () => s.sim.requestLog.filter((e) => e.method !== 'GET');
const guest = (vmid: number) => s.sim.state.guests.get(vmid)!;
const upidRe = /UPID:pve\d:[0-9A-F]{8}:[0-9A-F]{8,9}:[0-9A-F]{8}:\w+:\d+:root@pam!pvectl:/;

function useSim(taskMs = 20) {
  beforeEach(() => {
    s = startInProcessSim({ taskMs });
  });
  afterEach(() => {
    expect(s.sim.requestLog.filter((e) => e.violation)).toEqual([]);
    s.close();
  });
}

describe('power verbs, one guest each', () => {
  useSim();

  it.each([
    [
      'vm',
      102,
      'db-1',
      [
        ['start', 'started', 'running'],
        ['suspend', 'suspended', 'paused'],
        ['resume', 'resumed', 'running'],
        ['reboot', 'rebooted', 'running'],
        ['shutdown', 'shut down', 'stopped'],
        ['start', 'started', 'running'],
        ['stop', 'stopped', 'stopped'],
      ],
    ],
    [
      'ct',
      201,
      'cache-1',
      [
        ['start', 'started', 'running'],
        // pve-container Status.pm vm_suspend: lxc-checkpoint -s checkpoints and stops the CT
        ['suspend', 'suspended', 'stopped'],
        ['resume', 'resumed', 'running'],
        ['reboot', 'rebooted', 'running'],
        ['shutdown', 'shut down', 'stopped'],
        ['start', 'started', 'running'],
        ['stop', 'stopped', 'stopped'],
      ],
    ],
  ] as const)('%s: every verb on %s', async (noun, vmid, name, steps) => {
    for (const [verb, word, state] of steps) {
      const r = await run([noun, verb, name], { env: s.env });
      expect({ verb, ...r }).toEqual({ verb, code: 0, stdout: `${vmid} ${name} ${word}\n`, stderr: '' });
      expect(guest(vmid).status === 'running' ? (noun === 'vm' ? guest(vmid).qmpstatus : 'running') : 'stopped').toBe(
        state,
      );
    }
    const paths = writes().map((e) => e.path);
    const kind = noun === 'vm' ? 'qemu' : 'lxc';
    expect(paths).toEqual(steps.map(([verb]) => `/nodes/${guest(vmid).node}/${kind}/${vmid}/status/${verb}`));
  });

  it('reports a guest already in the target state as success without a request', async () => {
    const r = await run(['vm', 'start', 'web-1'], { env: s.env });
    expect(r).toEqual({ code: 0, stdout: '100 web-1 already running\n', stderr: '' });
    const stop = await run(['ct', 'shutdown', '201'], { env: s.env });
    expect(stop).toEqual({ code: 0, stdout: '201 cache-1 already stopped\n', stderr: '' });
    expect(writes()).toEqual([]);
  });

  it('a failed task exits 1 with its result line and the log tail', async () => {
    // a NIC on a bridge the node lacks: Proxmox accepts the start and its task fails
    guest(102).config.net0 = String(guest(102).config.net0).replace(/bridge=[^,]+/, 'bridge=vmbr9');
    const r = await run(['vm', 'start', '102'], { env: s.env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("102 db-1 FAILED: bridge 'vmbr9' does not exist\n");
    expect(r.stderr).toMatch(
      new RegExp(
        "^Error: task qmstart 102 failed: bridge 'vmbr9' does not exist\\nTask log \\(last lines\\):\\n" +
          "  TASK ERROR: bridge 'vmbr9' does not exist\\nFull log: pvectl task log UPID:pve1:",
      ),
    );
  });

  it('a task that ends with "WARNINGS: n" counts as success (bulk and single, and task wait)', async () => {
    // the simulator ends a task with warnings when its work returns a count
    const start = s.sim.tasks.start.bind(s.sim.tasks);
    s.sim.tasks.start = (spec) =>
      start(
        spec.type !== 'qmstart'
          ? spec
          : {
              ...spec,
              run: (t) => {
                spec.run?.(t);
                t.lines.push('WARN: old cpu type, using kvm64');
                return 1;
              },
            },
      );
    const one = await run(['vm', 'start', 'db-1'], { env: s.env });
    expect(one).toEqual({ code: 0, stdout: '102 db-1 started\n', stderr: '' });
    const task = s.sim.tasks.all.find((x) => x.type === 'qmstart')!;
    expect(task.exitstatus).toBe('WARNINGS: 1');
    await run(['vm', 'stop', 'web-1', 'web-2'], { env: s.env });
    const bulk = await run(['vm', 'start', 'web-1', 'web-2'], { env: s.env });
    expect({ ...bulk, stdout: bulk.stdout.split('\n').sort() }).toEqual({
      code: 0,
      stdout: ['', '100 web-1 started', '101 web-2 started'],
      stderr: '',
    });
    const wait = await run(['task', 'wait', task.upid], { env: s.env });
    expect(wait).toEqual({ code: 0, stdout: `${task.upid} WARNINGS: 1\n`, stderr: '' });
  });

  it('an unknown guest is exit 3 and nothing is sent', async () => {
    const r = await run(['vm', 'start', 'web-1', 'nope'], { env: s.env });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('no VM named "nope"');
    expect(writes()).toEqual([]);
  });

  it('--no-wait prints the UPID and leaves the task running', async () => {
    s.close();
    s = startInProcessSim({ taskMs: 5000 });
    const r = await run(['vm', 'start', 'db-1', '--no-wait'], { env: s.env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^102 db-1 ${upidRe.source}\\n$`));
    expect(s.sim.tasks.all.find((t) => t.type === 'qmstart')?.status).toBe('running');
  });

  it('-o json prints one object per guest', async () => {
    const r = await run(['vm', 'start', 'db-1', 'web-1', '-o', 'json'], { env: s.env });
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(rows.map((x) => [x.vmid, x.name, x.node, x.action, x.ok, x.error])).toEqual([
      [102, 'db-1', 'pve1', 'start', true, null],
      [100, 'web-1', 'pve1', 'start', true, null],
    ]);
    expect(rows[0]!.upid).toMatch(upidRe);
    expect(rows[1]!.upid).toBeNull();
  });

  it('shutdown --force-stop sends forceStop=1 and a timeout from --timeout', async () => {
    await run(['vm', 'shutdown', 'web-1', '--force-stop'], { env: s.env });
    await run(['ct', 'shutdown', 'dns-1', '--force-stop', '--timeout', '10s'], { env: s.env });
    expect(writes().map((e) => e.params)).toEqual([
      { forceStop: '1', timeout: '60' },
      { forceStop: '1', timeout: '8' },
    ]);
  });

  it('draws progress on a TTY and keeps stdout clean', async () => {
    const r = await run(['vm', 'start', 'db-1'], { env: s.env, tty: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('102 db-1 started\n');
    expect(r.stderr).toContain('Starting VM 102 db-1');
    expect(r.stderr.endsWith('\r\x1b[2K')).toBe(true);
  });

  it('-q prints no progress', async () => {
    const r = await run(['vm', 'start', 'db-1', '-q'], { env: s.env, tty: true });
    expect(r).toEqual({ code: 0, stdout: '102 db-1 started\n', stderr: '' });
  });
});

describe('many guests', () => {
  useSim();

  it.each([
    [
      ['--tag', 'web'],
      ['100 web-1 stopped', '101 web-2 stopped'],
    ],
    [['--pool', 'prod'], ['100 web-1 stopped']],
    [
      ['--node', 'pve1'],
      ['100 web-1 stopped', '102 db-1 already stopped'],
    ],
    [['--status', 'running', '--node', 'pve3'], ['103 ha-app stopped']],
    [['--all'], ['100 web-1 stopped', '101 web-2 stopped', '102 db-1 already stopped', '103 ha-app stopped']],
  ])('selects with %j', async (args, lines) => {
    const r = await run(['vm', 'stop', ...args], { env: s.env });
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').sort()).toEqual(lines);
    expect(r.stderr).toBe('');
  });

  it('reads guests from stdin (the output of vm list -o id)', async () => {
    const ids = await run(['vm', 'list', '--tag', 'web', '-o', 'id'], { env: s.env });
    expect(ids.stdout).toBe('100\n101\n');
    const r = await run(['vm', 'suspend', '-', '--parallel', '1'], { env: s.env, stdin: ids.stdout });
    expect(r).toEqual({ code: 0, stdout: '100 web-1 suspended\n101 web-2 suspended\n', stderr: '' });
  });

  it('ct start --all', async () => {
    const r = await run(['ct', 'start', '--all'], { env: s.env });
    expect(r).toEqual({ code: 0, stdout: '200 dns-1 already running\n201 cache-1 started\n', stderr: '' });
  });

  it('a selector that matches nothing is success', async () => {
    const r = await run(['vm', 'start', '--tag', 'nothing-has-this'], { env: s.env });
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'no VMs match\n' });
  });

  it('partial failure: exit 7, one line per guest', async () => {
    const r = await run(['vm', 'start', 'db-1', '9000', 'web-2', '--parallel', '1'], { env: s.env });
    expect(r.code).toBe(7);
    expect(r.stdout).toBe(
      "102 db-1 started\n9000 debian-12-cloud FAILED: you can't start a vm if it's a template\n101 web-2 " +
        'already running\n',
    );
    expect(r.stderr).toBe('Error: 1 of 3 VMs failed to start (see above)\n');
  });

  it('all failed: exit 1', async () => {
    const r = await run(['vm', 'reboot', 'db-1', '9000', '--parallel', '1'], { env: s.env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('102 db-1 FAILED: VM 102 not running\n9000 debian-12-cloud FAILED: VM 9000 not running\n');
    expect(r.stderr).toBe('Error: all 2 VMs failed to reboot (see above)\n');
  });

  it('--dry-run prints the calls and sends only reads', async () => {
    const r = await run(['vm', 'start', 'web-1', 'db-1', '--dry-run'], { env: s.env });
    expect(r).toEqual({
      code: 0,
      stdout: 'POST /api2/json/nodes/pve1/qemu/102/status/start\n',
      stderr: '100 web-1: already running, no call needed\n',
    });
    expect(writes()).toEqual([]);
    expect(guest(102).status).toBe('stopped');
  });

  it('runs at most --parallel guests at once', async () => {
    s.close();
    s = startInProcessSim({ taskMs: 100, guests: 16 });
    const ids = [...s.sim.state.guests.values()]
      .filter((g) => g.vmid >= 1000 && g.type === 'qemu' && g.status === 'running')
      .map((g) => String(g.vmid));
    // tasks running at once, seen as each POST is answered (pvectl reads a task's end from the node's task
    // list now, not from a per-task status call; it cannot post the next one before it saw one end,
    // so this never counts more than pvectl has in flight)
    const running = () => s.sim.tasks.all.filter((t) => t.status === 'running').length;
    let peak = 0;
    s.server.events.on('response:mocked', ({ request }) => {
      if (request.method === 'POST') peak = Math.max(peak, running());
    });
    const r = await run(['vm', 'stop', ...ids, '--parallel', '3'], { env: s.env });
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(ids.length);
    expect(ids.length).toBeGreaterThan(3);
    expect(peak).toBe(3);
    expect(running()).toBe(0);
  });

  it('watches the tasks of a bulk action on one node with one request per node per tick', async () => {
    // all on pve1: tasks on several nodes are watched through /cluster/tasks instead (next test)
    expect((await run(['vm', 'start', 'db-1', '-q'], { env: s.env })).code).toBe(0);
    s.sim.requestLog.splice(0);
    const r = await run(['vm', 'stop', '--all', '--node', 'pve1'], { env: s.env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('100 web-1 stopped\n102 db-1 stopped\n');
    const reads = s.sim.requestLog.filter((e) => e.method === 'GET').map((e) => e.path.replace(/UPID[^/]+/, 'UPID'));
    expect(reads.filter((p) => /^\/nodes\/pve\d\/tasks$/.test(p)).length).toBeGreaterThan(0);
    // no status read per task, neither while they run nor at the end: the node's list (source=all,
    // since the oldest started) says how each ended (issue 13: bulk ≤ 1.5 requests per guest)
    expect(reads.filter((p) => p.endsWith('/tasks/UPID/status'))).toHaveLength(0);
    const lists = s.sim.requestLog.filter((e) => /^\/nodes\/pve\d\/tasks$/.test(e.path));
    // since: the epoch the oldest of the node's tasks started (a string on the wire)
    expect(lists.map((e) => [e.params.source, typeof e.params.since])).toEqual(lists.map(() => ['all', 'string']));
  });

  it('tasks on several nodes: one /cluster/tasks a tick for all, no node list, no status per task', async () => {
    const r = await run(['vm', 'stop', '--all'], { env: s.env });
    expect(r.code).toBe(0);
    expect(new Set(writes().map((e) => e.path.split('/')[2])).size).toBeGreaterThan(1);
    const reads = s.sim.requestLog.filter((e) => e.method === 'GET').map((e) => e.path);
    expect(reads.filter((p) => p === '/cluster/tasks').length).toBeGreaterThan(0);
    expect(reads.filter((p) => /\/tasks(\/|$)/.test(p) && p !== '/cluster/tasks')).toEqual([]);
  });

  it('a task /cluster/tasks does not show (25 per node kept, or no Sys.Audit) is read from its node list', async () => {
    // pve-common RESTEnvironment.pm active_workers keeps the running tasks and at most 25 in all
    let asked = 0;
    s.server.use(http.get('*/api2/json/cluster/tasks', () => (asked++, Response.json({ data: [] }))));
    const r = await run(['vm', 'stop', '--all'], { env: s.env });
    expect(r.code).toBe(0);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .every((l) => l.endsWith(' stopped')),
    ).toBe(true);
    expect(s.sim.requestLog.filter((e) => /^\/nodes\/pve\d\/tasks$/.test(e.path)).length).toBeGreaterThan(0);
    // a token without Sys.Audit never sees its tasks there (Cluster.pm compares the user part only):
    // after two blind rounds it is not asked again
    expect(asked).toBeGreaterThan(0);
    expect(asked).toBeLessThanOrEqual(2);
  });
});

describe('HA-managed guest', () => {
  useSim(300);

  it('is waited on by its state, not by its request task', async () => {
    const stop = await run(['vm', 'stop', 'ha-app'], { env: s.env });
    expect(stop).toEqual({ code: 0, stdout: '103 ha-app stopped\n', stderr: '' });
    expect(guest(103).status).toBe('stopped');
    const start = await run(['vm', 'start', '103'], { env: s.env });
    expect(start).toEqual({ code: 0, stdout: '103 ha-app started\n', stderr: '' });
    expect(guest(103).status).toBe('running');
    expect(s.sim.tasks.all.map((t) => t.type)).toEqual(['hastop', 'hastart']);
    expect(s.sim.requestLog.filter((e) => e.path.endsWith('/103/status/current')).length).toBeGreaterThan(1);
  });

  it('times out with exit 6 when the HA manager does not get there in time', async () => {
    const r = await run(['vm', 'stop', 'ha-app', '--timeout', '100ms'], { env: s.env });
    expect(r.code).toBe(6);
    expect(r.stdout).toMatch(/^103 ha-app FAILED: timed out waiting for the HA manager to make VM 103 stopped/);
  });
});

describe('waiting: timeout and Ctrl-C', () => {
  useSim(5000);

  it('--timeout: exit 6 naming the UPID still running', async () => {
    const r = await run(['vm', 'start', 'db-1', '--timeout', '200ms'], { env: s.env });
    expect(r.code).toBe(6);
    const upid = s.sim.tasks.all[0]!.upid;
    expect(r.stderr).toBe(
      `Error: timed out waiting for task ${upid}; it is still running\nWait again with: pvectl task wait ${upid}\n`,
    );
    expect(s.sim.tasks.all[0]!.status).toBe('running');
  });

  it('--timeout in bulk: exit 6 with every UPID still running', async () => {
    stopGuest(guest(101));
    const r = await run(['vm', 'start', 'db-1', 'web-2', '--timeout', '200ms'], { env: s.env });
    const upids = s.sim.tasks.all.map((t) => t.upid);
    expect(r.code).toBe(6);
    expect(r.stdout.trim().split('\n').sort()).toEqual([
      `101 web-2 FAILED: timed out waiting for task ${upids.find((u) => u.includes(':101:'))}; it is still running`,
      `102 db-1 FAILED: timed out waiting for task ${upids.find((u) => u.includes(':102:'))}; it is still running`,
    ]);
    expect(r.stderr).toMatch(
      new RegExp(
        /^Error: timed out waiting for 2 of 2 VMs; still running: UPID\S+ UPID\S+\n/.source +
          /Wait again with: pvectl task wait UPID\S+ UPID\S+\n$/.source,
      ),
    );
  });

  it('--timeout in bulk: guests whose turn comes after it are not started', async () => {
    stopGuest(guest(101));
    const r = await run(['vm', 'start', 'db-1', 'web-2', '--timeout', '200ms', '--parallel', '1'], { env: s.env });
    const upid = s.sim.tasks.all[0]!.upid;
    expect(r.code).toBe(6);
    expect(r.stdout).toBe(
      `102 db-1 FAILED: timed out waiting for task ${upid}; it is still running\n` +
        '101 web-2 FAILED: not started: --timeout ran out before its turn\n',
    );
    expect(r.stderr).toBe(
      `Error: timed out waiting for 2 of 2 VMs; still running: ${upid}; not started: 101\n` +
        `Wait again with: pvectl task wait ${upid}\n`,
    );
    expect(s.sim.tasks.all).toHaveLength(1);
  });

  it('Ctrl-C: exit 130 with the UPID and the resume command; the task keeps running', async () => {
    const ac = ctrlCAfter(s, 300);
    const r = await run(['vm', 'start', 'db-1'], { env: s.env, signal: ac });
    const upid = s.sim.tasks.all[0]!.upid;
    expect(r.code).toBe(130);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `Error: interrupted; tasks keep running on the cluster: ${upid}\nResume waiting with: pvectl task wait ${upid}\n`,
    );
    expect(s.sim.tasks.all[0]!.status).toBe('running');
    expect(s.sim.requestLog.filter((e) => e.method === 'DELETE')).toEqual([]);
  });

  it('Ctrl-C in bulk names every running task and the guests not touched', async () => {
    const ac = ctrlCAfter(s, 300);
    const r = await run(['vm', 'start', 'db-1', '9000', '--parallel', '1'], { env: s.env, signal: ac });
    const upid = s.sim.tasks.all[0]!.upid;
    expect(r.code).toBe(130);
    expect(r.stderr).toBe(
      `Error: interrupted; tasks keep running on the cluster: ${upid}; not touched: 9000\nResume waiting ` +
        `with: pvectl task wait ${upid}\n`,
    );
    expect(s.sim.tasks.all).toHaveLength(1);
  });
});

describe('a guest that reached the target state after the listing', () => {
  useSim();

  // The listing says one state, the cluster has moved on by the time the request arrives.
  function stale(vmid: number, listed: 'running' | 'stopped') {
    const g = guest(vmid);
    const real = g.status;
    s.server.use(
      http.get('*/api2/json/cluster/resources', () => {
        g.status = listed;
        return undefined; // the simulator answers, with the stale state
      }),
      http.post('*/api2/json/nodes/:node/:kind/:vmid/status/:action', () => {
        g.status = real;
        return undefined;
      }),
    );
  }

  it('ct start of a running CT: a 500 before any task on PVE; reported as already running', async () => {
    stale(200, 'stopped');
    const r = await run(['ct', 'start', '200'], { env: s.env });
    expect(r).toEqual({ code: 0, stdout: '200 dns-1 already running\n', stderr: '' });
    expect(writes().map((e) => e.status)).toEqual([500]);
  });

  it('ct stop of a stopped CT: 500 "CT 201 not running", reported as already stopped', async () => {
    stale(201, 'running');
    const r = await run(['ct', 'stop', '201'], { env: s.env });
    expect(r).toEqual({ code: 0, stdout: '201 cache-1 already stopped\n', stderr: '' });
  });

  it('vm start of a running VM: its task fails "already running", reported as already running', async () => {
    stale(100, 'stopped');
    const r = await run(['vm', 'start', '100'], { env: s.env });
    expect(r).toEqual({ code: 0, stdout: '100 web-1 already running\n', stderr: '' });
    expect(s.sim.tasks.all.map((t) => t.exitstatus)).toEqual(['VM 100 already running']);
  });

  it('other refusals stay failures: a CT reboot of a stopped CT exits 1', async () => {
    stale(201, 'running');
    const r = await run(['ct', 'reboot', '201'], { env: s.env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('201 cache-1 FAILED: VM 201 not running\n');
  });
});
