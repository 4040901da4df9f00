// vm/ct clone: linked and full clones, --start, the VMID race, checks before sending, dry run,
// --no-wait, a failed task and Ctrl-C.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { ctrlCAfter, run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';
import { failNextTask, writes } from './guest-task-helpers.js';

let s: InProcessSim;
const guest = (vmid: number) => s.sim.state.guests.get(vmid);

async function listed(kind: 'vm' | 'ct', vmid: number): Promise<Record<string, unknown> | undefined> {
  const r = await run([kind, 'list', '-o', 'json'], { env: s.env });
  return (JSON.parse(r.stdout) as Record<string, unknown>[]).find((g) => g.vmid === vmid);
}

beforeEach(() => {
  s = startInProcessSim();
});
afterEach(() => {
  expect(s.sim.requestLog.filter((e) => e.violation)).toEqual([]);
  s.close();
});

describe('clone', () => {
  it('a template: linked clone with the next free VMID, printed as a table row', async () => {
    const r = await run(['vm', 'clone', 'debian-12-cloud', 'web-3'], { env: s.env });
    expect(r).toEqual({
      code: 0,
      stdout: 'VMID  NAME   NODE  STATUS\n104   web-3  pve1  stopped\n',
      stderr: 'Cloning VM 9000 (debian-12-cloud) → 104 on pve1 (linked clone)\n',
    });
    expect(writes(s)).toEqual(['POST /nodes/pve1/qemu/9000/clone {"newid":"104","name":"web-3","full":"0"}']);
    expect(await listed('vm', 104)).toMatchObject({
      vmid: 104,
      name: 'web-3',
      node: 'pve1',
      status: 'stopped',
      template: false,
      lock: null,
    });
    expect(String(guest(104)!.config.scsi0)).toMatch(/^local-lvm:base-9000-disk-0\/vm-104-disk-0,/);
  });

  it('a container: full clone, --start, -o json', async () => {
    const r = await run(['ct', 'clone', 'dns-1', 'dns-2', '--start', '-o', 'json'], { env: s.env });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('Cloning CT 200 (dns-1) → 104 on pve1 (full clone)\nStarting CT 104\n');
    expect(JSON.parse(r.stdout)).toEqual({
      vmid: 104,
      name: 'dns-2',
      type: 'lxc',
      node: 'pve1',
      status: 'running',
      region: 'env',
    });
    expect(writes(s)).toEqual([
      'POST /nodes/pve1/lxc/200/clone {"newid":"104","hostname":"dns-2","full":"1"}',
      'POST /nodes/pve1/lxc/104/status/start {}',
    ]);
    expect(guest(104)).toMatchObject({ type: 'lxc', status: 'running', config: { hostname: 'dns-2' } });
    expect(await listed('ct', 104)).toMatchObject({ name: 'dns-2', status: 'running' });
  });

  it('--storage makes a template clone full; --vmid and --pool are passed on', async () => {
    const r = await run(
      ['vm', 'clone', '9000', 'web-4', '--storage', 'local-lvm', '--vmid', '500', '--pool', 'dev', '-o', 'id'],
      { env: s.env },
    );
    expect(r).toEqual({
      code: 0,
      stdout: '500\n',
      stderr: 'Cloning VM 9000 (debian-12-cloud) → 500 on pve1 (full clone)\n',
    });
    expect(writes(s)).toEqual([
      'POST /nodes/pve1/qemu/9000/clone {"newid":"500","name":"web-4","full":"1","storage":"local-lvm","pool":"dev"}',
    ]);
    expect(guest(500)).toMatchObject({ pool: 'dev', config: { name: 'web-4' } });
  });

  it.each([
    [
      ['vm', 'clone', 'db-1', 'bad_name'],
      'Error: "bad_name" is not a valid guest name: use a DNS label of 1-63 letters, digits and inner ' +
        'hyphens, not only digits (e.g. web-1)\n',
    ],
    [
      ['vm', 'clone', 'db-1', 'web-1'],
      'Error: the name "web-1" is taken (VM 100 on pve1); guest names must be unique to address guests by name\n',
    ],
    [
      ['vm', 'clone', 'db-1', 'db-2', '--linked'],
      'Error: VM 102 (db-1) is not a template: Proxmox makes only full clones of it (linked clones need a ' +
        'template); leave --linked out\n',
    ],
    [['vm', 'clone', '9000', 'web-3', '--full', '--linked'], 'Error: --full and --linked exclude each other\n'],
    [
      ['vm', 'clone', '9000', 'web-3', '--linked', '--storage', 'local-lvm'],
      "Error: a linked clone stays on the template's storage: leave --storage out, or make a full clone (--full)\n",
    ],
    [
      ['vm', 'clone', 'db-1', 'db-2', '--node', 'pve9'],
      'Error: --node "pve9" is not a node of this cluster. Valid: pve1, pve2, pve3\n',
    ],
    [
      ['vm', 'clone', 'db-1', 'db-2', '--storage', 'local'],
      'Error: --storage "local" does not hold "images" content on pve1. Valid: local-lvm\n',
    ],
    [['vm', 'clone', 'db-1', 'db-2', '--pool', 'nope'], 'Error: --pool "nope" does not exist. Valid: dev, prod\n'],
    [
      ['vm', 'clone', 'db-1', 'db-2', '--vmid', '100'],
      'Error: --vmid 100 is already in use; leave --vmid out to get a free one\n',
    ],
    [['vm', 'clone', 'db-1', 'db-2', '--vmid', '99'], 'Error: --vmid 99: VMIDs start at 100\n'],
    [
      ['vm', 'clone', 'db-1', 'db-2', '--start', '--no-wait'],
      'Error: --start waits for the clone to finish: leave out --start or --no-wait\n',
    ],
    [['ct', 'clone', 'web-1', 'web-9'], 'Error: "web-1" is a VM, not a CT\n'],
  ])('%j: exit 2/3, nothing sent', async (args, stderr) => {
    const r = await run(args, { env: s.env });
    expect(r).toEqual({ code: args[2] === 'web-1' ? 3 : 2, stdout: '', stderr });
    expect(writes(s)).toEqual([]);
  });

  it('--dry-run prints the calls and sends only reads', async () => {
    const r = await run(['vm', 'clone', 'db-1', 'db-2', '--start', '--dry-run'], { env: s.env });
    expect(r).toEqual({
      code: 0,
      stdout:
        'POST /api2/json/nodes/pve1/qemu/102/clone {"newid":"104","name":"db-2","full":"1"}\nPOST ' +
        '/api2/json/nodes/pve1/qemu/104/status/start\n',
      stderr: '',
    });
    expect(s.sim.requestLog.every((e) => e.method === 'GET')).toBe(true);
    expect(guest(104)).toBeUndefined();
  });

  it('a stale nextid: the clone that loses the VMID race retries with another id', async () => {
    s.sim.faults.staleNextId = 1;
    const r = await run(['vm', 'clone', 'db-1', 'db-2'], { env: s.env });
    expect(r).toEqual({
      code: 0,
      stdout: 'VMID  NAME  NODE  STATUS\n104   db-2  pve1  stopped\n',
      stderr: 'VMID 103 was taken meanwhile; trying another\nCloning VM 102 (db-1) → 104 on pve1 (full clone)\n',
    });
    expect(writes(s).map((w) => w.split(' {')[0])).toEqual([
      'POST /nodes/pve1/qemu/102/clone',
      'POST /nodes/pve1/qemu/102/clone',
    ]);
    expect(guest(103)!.config.name).toBe('ha-app');
    expect(guest(104)!.config.name).toBe('db-2');
  });

  it('a failed clone task: exit 1 with its log tail', async () => {
    failNextTask(
      s,
      'post',
      '/nodes/:node/qemu/:vmid/clone',
      'qmclone',
      "clone failed: can't lock file '/var/lock/qemu-server/lock-102.conf' - got timeout",
    );
    const r = await run(['vm', 'clone', 'db-1', 'db-2'], { env: s.env });
    const upid = s.sim.tasks.all[0]!.upid;
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Cloning VM 102 (db-1) → 104 on pve1 (full clone): failed\n' +
        "Error: task qmclone 102 failed: clone failed: can't lock file '/var/lock/qemu-server/lock-102.conf' " +
        '- got timeout\n' +
        'Task log (last lines):\n' +
        "  TASK ERROR: clone failed: can't lock file '/var/lock/qemu-server/lock-102.conf' - got timeout\n" +
        `Full log: pvectl task log ${upid}\n`,
    });
  });

  it('cloning to another node is refused by Proxmox when the disks are local; the hint says what to do', async () => {
    const r = await run(['vm', 'clone', 'db-1', 'db-2', '--node', 'pve2'], { env: s.env });
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        "Error: POST /nodes/pve1/qemu/102/clone: can't clone VM to node 'pve2' (VM uses local storage)\n" +
        'Clone it on pve1 (leave --node out), then move it: pvectl vm migrate NEWNAME NODE\n',
    });
  });

  it('--no-wait prints the UPID; the clone is locked until its task ends', async () => {
    const r = await run(['vm', 'clone', 'db-1', 'db-2', '--no-wait'], { env: s.env });
    const upid = s.sim.tasks.all[0]!.upid;
    expect(r).toEqual({
      code: 0,
      stdout: `${upid}\n`,
      stderr: `VM 104 (db-2) is being cloned on pve1; follow it with: pvectl task wait ${upid}\n`,
    });
    expect(guest(104)!.config.lock).toBe('clone');
    const wait = await run(['task', 'wait', upid], { env: s.env });
    expect(wait.code).toBe(0);
    expect(guest(104)!.config.lock).toBeUndefined();
  });

  it('Ctrl-C: exit 130 with the UPID and how to resume; the task keeps running', async () => {
    s.close();
    s = startInProcessSim({ taskMs: 5000 });
    const ctrlC = ctrlCAfter(s, 300);
    const r = await run(['vm', 'clone', 'db-1', 'db-2'], { env: s.env, signal: ctrlC });
    const upid = s.sim.tasks.all[0]!.upid;
    expect(r).toEqual({
      code: 130,
      stdout: '',
      stderr:
        'Cloning VM 102 (db-1) → 104 on pve1 (full clone): failed\n' +
        `Error: interrupted; task ${upid} keeps running on the cluster\nResume waiting with: pvectl task ` +
        `wait ${upid}\n`,
    });
    expect(s.sim.tasks.all[0]!.status).toBe('running');
  });

  it('a clone that does not start stays, and the error says so', async () => {
    failNextTask(s, 'post', '/nodes/:node/qemu/:vmid/status/start', 'qmstart', 'start failed: QEMU exited with code 1');
    const r = await run(['vm', 'clone', 'db-1', 'db-2', '--start'], { env: s.env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      new RegExp(
        new RegExp(
          /^Cloning VM 102 \(db-1\) → 104 on pve1 \(full clone\)\nStarting VM 104: failed\n/.source +
            new RegExp(
              /Error: VM 104 \(db-2\) was cloned on pve1 but did not start: /.source +
                /task qmstart 104 failed: start failed: QEMU exited with code 1\n/.source,
            ).source,
        ).source +
          new RegExp(
            /Task log \(last lines\):\n {2}TASK ERROR: start failed: QEMU exited with code 1\n/.source +
              /Full log: pvectl task log UPID:pve1:\S+\n$/.source,
          ).source,
      ),
    );
    expect(guest(104)!.status).toBe('stopped');
  });

  it('a start refused outright: the report names the refusal and says how to start it', async () => {
    s.server.use(
      http.post('*/api2/json/nodes/pve1/qemu/104/status/start', () =>
        HttpResponse.json({ data: null }, { status: 500, statusText: 'start refused for the test' }),
      ),
    );
    const r = await run(['vm', 'clone', 'db-1', 'db-2', '--start'], { env: s.env });
    expect(r.stderr.split('\n').slice(-3)).toEqual([
      'Error: VM 104 (db-2) was cloned on pve1 but did not start: ' +
        'POST /nodes/pve1/qemu/104/status/start: start refused for the test',
      'Start it with: pvectl vm start 104',
      '',
    ]);
    expect(r.code).toBe(1);
    expect(guest(104)!.status).toBe('stopped');
  });
});
