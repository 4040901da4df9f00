// vm/ct migrate: live, offline and restart migrations, Proxmox's precheck, checks before sending,
// HA-managed guests, dry run, a failed task and Ctrl-C.
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SIM_URL, ctrlCAfter, run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';
import { failNextTask, writes } from './guest-task-helpers.js';

let s: InProcessSim;
const guest = (vmid: number) => s.sim.state.guests.get(vmid)!;

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

describe('migrate', () => {
  it('a running VM moves live, copying its local disks when asked to', async () => {
    const r = await run(['vm', 'migrate', 'web-1', 'pve2', '--with-local-disks'], { env: s.env });
    expect(r).toEqual({
      code: 0,
      stdout: 'VMID  NAME   NODE  STATUS\n100   web-1  pve2  running\n',
      stderr: 'Migrating VM 100 (web-1) pve1 → pve2 (live)\n',
    });
    expect(writes(s)).toEqual([
      'POST /nodes/pve1/qemu/100/migrate {"target":"pve2","online":"1","with-local-disks":"1"}',
    ]);
    expect(
      s.sim.requestLog.find((e) => e.path === '/nodes/pve1/qemu/100/migrate' && e.method === 'GET')?.params,
    ).toMatchObject({ target: 'pve2' });
    expect(await listed('vm', 100)).toMatchObject({ node: 'pve2', status: 'running', lock: null });
  });

  it('a running VM with local disks needs --with-local-disks: exit 2, nothing sent', async () => {
    const r = await run(['vm', 'migrate', 'web-1', 'pve2'], { env: s.env });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'Error: VM 100 (web-1) is running and has local disks (local-lvm:vm-100-disk-0 32.0 GiB): a live ' +
        'migration copies them while it runs\n' +
        'Pass --with-local-disks to copy them, or shut it down first (pvectl vm shutdown web-1).\n',
    });
    expect(writes(s)).toEqual([]);
    expect(guest(100).node).toBe('pve1');
  });

  it('a stopped VM moves offline; -o json says where from', async () => {
    const r = await run(['vm', 'migrate', 'db-1', 'pve3', '--online', '-o', 'json'], { env: s.env });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'VM 102 (db-1) is not running: --online does not apply, it moves offline\nMigrating VM 102 (db-1) pve1 ' +
        '→ pve3 (offline)\n',
    );
    expect(JSON.parse(r.stdout)).toEqual({
      vmid: 102,
      name: 'db-1',
      type: 'qemu',
      node: 'pve3',
      status: 'stopped',
      region: 'env',
      from: 'pve1',
    });
    expect(writes(s)).toEqual(['POST /nodes/pve1/qemu/102/migrate {"target":"pve3"}']);
    expect(guest(102)).toMatchObject({ node: 'pve3', status: 'stopped' });
  });

  it('a running container is restarted on the target, and pvectl says so', async () => {
    const r = await run(['ct', 'migrate', 'dns-1', 'pve3'], { env: s.env });
    expect(r).toEqual({
      code: 0,
      stdout: 'VMID  NAME   NODE  STATUS\n200   dns-1  pve3  running\n',
      stderr:
        'CT 200 (dns-1) is running: it is stopped, moved and started again on pve3 (restart ' +
        'migration)\nMigrating CT 200 (dns-1) pve1 → pve3 (restart)\n',
    });
    expect(writes(s)).toEqual(['POST /nodes/pve1/lxc/200/migrate {"target":"pve3","restart":"1"}']);
    expect(await listed('ct', 200)).toMatchObject({ node: 'pve3', status: 'running' });
  });

  it('a stopped container with --target-storage', async () => {
    const r = await run(['ct', 'migrate', 'cache-1', 'pve1', '--target-storage', 'local-lvm', '-q'], { env: s.env });
    expect(r).toEqual({ code: 0, stdout: 'VMID  NAME     NODE  STATUS\n201   cache-1  pve1  stopped\n', stderr: '' });
    expect(writes(s)).toEqual(['POST /nodes/pve2/lxc/201/migrate {"target":"pve1","target-storage":"local-lvm"}']);
  });

  it('an HA-managed VM: the request task, then its node, are waited on', async () => {
    const r = await run(['vm', 'migrate', 'ha-app', 'pve1', '--with-local-disks'], { env: s.env });
    expect(r).toEqual({
      code: 0,
      stdout: 'VMID  NAME    NODE  STATUS\n103   ha-app  pve1  running\n',
      stderr: 'Migrating VM 103 (ha-app) pve3 → pve1 (live)\n',
    });
    expect(s.sim.tasks.all.map((t) => t.type)).toEqual(['hamigrate']);
    expect(guest(103).node).toBe('pve1');
  });

  it.each([
    [['vm', 'migrate', 'db-1', 'pve9'], 3, 'Error: no node "pve9" in this cluster; its nodes: pve1, pve2, pve3\n'],
    [['vm', 'migrate', 'db-1', 'pve1'], 2, 'Error: VM 102 (db-1) is already on pve1; name another node\n'],
    [
      ['ct', 'migrate', 'dns-1', 'pve2', '--online'],
      2,
      'Error: containers cannot move live; leave --online out (a running container is restarted on the target node)\n',
    ],
    [['ct', 'migrate', 'dns-1', 'pve2', '--with-local-disks'], 2, "Error: unknown option '--with-local-disks'\n"],
    [
      ['vm', 'migrate', 'db-1', 'pve2', '--target-storage', 'nope'],
      2,
      'Error: --target-storage "nope" does not exist on pve2. Valid: local-lvm\n',
    ],
    [['vm', 'migrate', 'db-9', 'pve2'], 3, 'Error: no VM named "db-9"\nSee: pvectl vm list\n'],
  ])('%j: exit %i, nothing sent', async (args, code, stderr) => {
    const r = await run(args, { env: s.env });
    expect(r).toEqual({ code, stdout: '', stderr });
    expect(writes(s)).toEqual([]);
  });

  it('an offline target node: exit 2 before anything is sent', async () => {
    s.sim.setNodeOnline('pve3', false);
    const r = await run(['vm', 'migrate', 'db-1', 'pve3'], { env: s.env });
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'Error: node pve3 is offline; online nodes: pve1, pve2\n' });
    expect(writes(s)).toEqual([]);
  });

  it("Proxmox's precheck refuses the node: its reasons, exit 1, nothing started", async () => {
    s.server.use(
      http.get(`${SIM_URL}/api2/json/nodes/pve1/qemu/102/migrate`, () =>
        HttpResponse.json({
          data: {
            running: 0,
            allowed_nodes: ['pve3'],
            not_allowed_nodes: { pve2: { unavailable_storages: ['local-zfs'] } },
            local_disks: [],
            local_resources: [],
            'mapped-resources': [],
            'mapped-resource-info': {},
            'has-dbus-vmstate': 0,
          },
        }),
      ),
    );
    const r = await run(['vm', 'migrate', 'db-1', 'pve2'], { env: s.env });
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Error: VM 102 (db-1) cannot migrate to pve2: unavailable storages: local-zfs; nothing was ' +
        'started\nNodes it can migrate to: pve3\n',
    });
    expect(writes(s)).toEqual([]);
  });

  it('--dry-run prints the call and sends only reads', async () => {
    const r = await run(['vm', 'migrate', 'web-1', 'pve3', '--with-local-disks', '--dry-run'], { env: s.env });
    expect(r).toEqual({
      code: 0,
      stdout: 'POST /api2/json/nodes/pve1/qemu/100/migrate {"target":"pve3","online":"1","with-local-disks":"1"}\n',
      stderr: '',
    });
    expect(s.sim.requestLog.every((e) => e.method === 'GET')).toBe(true);
    expect(guest(100).node).toBe('pve1');
  });

  it('a failed migration task: exit 1 with its log tail; the guest stays', async () => {
    failNextTask(
      s,
      'post',
      '/nodes/:node/lxc/:vmid/migrate',
      'vzmigrate',
      "migration aborted: target node 'pve3' not online",
    );
    const r = await run(['ct', 'migrate', 'cache-1', 'pve3'], { env: s.env });
    const upid = s.sim.tasks.all[0]!.upid;
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Migrating CT 201 (cache-1) pve2 → pve3 (offline): failed\n' +
        "Error: task vzmigrate 201 failed: migration aborted: target node 'pve3' not online\n" +
        "Task log (last lines):\n  TASK ERROR: migration aborted: target node 'pve3' not online\n" +
        `Full log: pvectl task log ${upid}\n`,
    });
    expect(guest(201).node).toBe('pve2');
  });

  it('--no-wait prints the UPID', async () => {
    const r = await run(['vm', 'migrate', 'db-1', 'pve2', '--no-wait'], { env: s.env });
    const upid = s.sim.tasks.all[0]!.upid;
    expect(r).toEqual({
      code: 0,
      stdout: `${upid}\n`,
      stderr: `VM 102 (db-1) is moving from pve1 to pve2; follow it with: pvectl task wait ${upid}\n`,
    });
    expect(guest(102).config.lock).toBe('migrate');
  });

  it('Ctrl-C: exit 130 with the UPID and how to resume', async () => {
    s.close();
    s = startInProcessSim({ taskMs: 5000 });
    const ctrlC = ctrlCAfter(s, 300);
    const r = await run(['vm', 'migrate', 'db-1', 'pve2'], { env: s.env, signal: ctrlC });
    const upid = s.sim.tasks.all[0]!.upid;
    expect(r).toEqual({
      code: 130,
      stdout: '',
      stderr:
        `Migrating VM 102 (db-1) pve1 → pve2 (offline): failed\nError: interrupted; task ${upid} keeps running ` +
        `on the cluster\nResume waiting with: pvectl task wait ${upid}\n`,
    });
  });
});
