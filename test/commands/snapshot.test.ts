// vm/ct snapshot list|create|delete|rollback: output, the marked current snapshot, names checked
// before sending, confirmations, dry run, --no-wait, a failed task and Ctrl-C.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ctrlCAfter, run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';
import { formatTime } from '../../src/output/humanize.js';
import { answer, failNextTask, writes } from './guest-task-helpers.js';

let s: InProcessSim;
const guest = (vmid: number) => s.sim.state.guests.get(vmid)!;
const created = (vmid: number, name: string) =>
  formatTime(guest(vmid).snapshots.find((x) => x.name === name)!.snaptime);

async function snap(args: string[]): Promise<void> {
  const r = await run(args, { env: s.env });
  expect(r.code).toBe(0);
}

beforeEach(() => {
  s = startInProcessSim();
});
afterEach(() => {
  expect(s.sim.requestLog.filter((e) => e.violation)).toEqual([]);
  s.close();
});

describe('snapshot create', () => {
  it('a running VM with its RAM: printed as a list row, marked current', async () => {
    const r = await run(
      ['vm', 'snapshot', 'create', 'web-1', 'before-upgrade', '--description', 'kernel 6.8', '--vmstate'],
      { env: s.env },
    );
    const t = created(100, 'before-upgrade');
    expect(r).toEqual({
      code: 0,
      stdout:
        'NAME                      PARENT  CREATED              VMSTATE  DESCRIPTION\n' +
        `before-upgrade (current)  -       ${t}  yes      kernel 6.8\n`,
      stderr: 'Taking snapshot before-upgrade of VM 100 (web-1) with its RAM\n',
    });
    expect(writes(s)).toEqual([
      'POST /nodes/pve1/qemu/100/snapshot {"snapname":"before-upgrade","description":"kernel 6.8","vmstate":"1"}',
    ]);
    expect(guest(100).snapshots).toMatchObject([{ name: 'before-upgrade', vmstate: 1, description: 'kernel 6.8' }]);
    expect(guest(100).config.parent).toBe('before-upgrade');
  });

  it('a container, -o json', async () => {
    const r = await run(['ct', 'snapshot', 'create', 'dns-1', 'clean', '-o', 'json'], { env: s.env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      name: 'clean',
      parent: null,
      snaptime: guest(200).snapshots[0]!.snaptime,
      vmstate: false,
      description: '',
      current: true,
    });
    expect(writes(s)).toEqual(['POST /nodes/pve1/lxc/200/snapshot {"snapname":"clean"}']);
  });

  it('--vmstate of a stopped VM is left out, and said', async () => {
    const r = await run(['vm', 'snapshot', 'create', 'db-1', 'cold', '--vmstate', '-o', 'id'], { env: s.env });
    expect(r).toEqual({
      code: 0,
      stdout: 'cold\n',
      stderr:
        'VM 102 (db-1) is stopped: there is no RAM to save, --vmstate is left out\nTaking snapshot cold of ' +
        'VM 102 (db-1)\n',
    });
    expect(writes(s)).toEqual(['POST /nodes/pve1/qemu/102/snapshot {"snapname":"cold"}']);
  });

  it.each([
    ['current', 'Error: "current" is reserved by Proxmox for the present state; pick another snapshot name\n'],
    [
      '1st',
      'Error: "1st" is not a valid snapshot name: a letter, then 1-39 letters, digits, _ or - (e.g. before-upgrade)\n',
    ],
    [
      'a',
      'Error: "a" is not a valid snapshot name: a letter, then 1-39 letters, digits, _ or - (e.g. before-upgrade)\n',
    ],
    [
      'pre.upgrade',
      'Error: "pre.upgrade" is not a valid snapshot name: a letter, then 1-39 letters, digits, _ or - (e.g. ' +
        'before-upgrade)\n',
    ],
    [
      'x'.repeat(41),
      `Error: "${'x'.repeat(41)}" is not a valid snapshot name: a letter, then 1-39 letters, digits, _ or - ` +
        `(e.g. before-upgrade)\n`,
    ],
  ])('name %j: exit 2, nothing sent at all', async (name, stderr) => {
    const r = await run(['vm', 'snapshot', 'create', 'web-1', name], { env: s.env });
    expect(r).toEqual({ code: 2, stdout: '', stderr });
    expect(s.sim.requestLog).toEqual([]);
  });

  it('a name already used: exit 2, nothing written', async () => {
    await snap(['vm', 'snapshot', 'create', 'web-1', 'one']);
    const before = writes(s).length;
    const r = await run(['vm', 'snapshot', 'create', 'web-1', 'one'], { env: s.env });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'Error: VM 100 (web-1) already has a snapshot "one"; pick another name\nOr replace it: pvectl vm ' +
        'snapshot delete web-1 one, then take it again.\n',
    });
    expect(writes(s).length).toBe(before);
  });

  it('--vmstate is for VMs only', async () => {
    const r = await run(['ct', 'snapshot', 'create', 'dns-1', 'x1', '--vmstate'], { env: s.env });
    expect(r).toEqual({ code: 2, stdout: '', stderr: "Error: unknown option '--vmstate'\n" });
  });

  it('a failed snapshot task: exit 1 with its log tail', async () => {
    failNextTask(
      s,
      'post',
      '/nodes/:node/qemu/:vmid/snapshot',
      'qmsnapshot',
      "VM 100 qmp command 'savevm-start' failed - unable to save VM state",
    );
    const r = await run(['vm', 'snapshot', 'create', 'web-1', 'one'], { env: s.env });
    const upid = s.sim.tasks.all[0]!.upid;
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Taking snapshot one of VM 100 (web-1): failed\n' +
        "Error: task qmsnapshot 100 failed: VM 100 qmp command 'savevm-start' failed - unable to save VM state\n" +
        "Task log (last lines):\n  TASK ERROR: VM 100 qmp command 'savevm-start' failed - unable to save VM state\n" +
        `Full log: pvectl task log ${upid}\n`,
    });
  });

  it('--dry-run and --no-wait', async () => {
    const dry = await run(['vm', 'snapshot', 'create', 'web-1', 'one', '--dry-run'], { env: s.env });
    expect(dry).toEqual({
      code: 0,
      stdout: 'POST /api2/json/nodes/pve1/qemu/100/snapshot {"snapname":"one"}\n',
      stderr: '',
    });
    expect(s.sim.requestLog.every((e) => e.method === 'GET')).toBe(true);
    const r = await run(['vm', 'snapshot', 'create', 'web-1', 'one', '--no-wait'], { env: s.env });
    const upid = s.sim.tasks.all[0]!.upid;
    expect(r).toEqual({
      code: 0,
      stdout: `${upid}\n`,
      stderr: `snapshot one of VM 100 (web-1) is being taken; follow it with: pvectl task wait ${upid}\n`,
    });
  });
});

describe('snapshot list', () => {
  beforeEach(async () => {
    await snap(['vm', 'snapshot', 'create', 'web-1', 'base', '--description', 'fresh install']);
    await snap(['vm', 'snapshot', 'create', 'web-1', 'tuned', '--vmstate']);
    await snap(['vm', 'snapshot', 'rollback', 'web-1', 'base', '--yes']);
  });

  it('oldest first, the pseudo entry "current" hidden, the parent of the present state marked', async () => {
    const r = await run(['vm', 'snapshot', 'list', 'web-1'], { env: s.env });
    expect(r).toEqual({
      code: 0,
      stdout:
        'NAME            PARENT  CREATED              VMSTATE  DESCRIPTION\n' +
        `base (current)  -       ${created(100, 'base')}  no       fresh install\n` +
        `tuned           base    ${created(100, 'tuned')}  yes      -\n`,
      stderr: '',
    });
  });

  it(
    'json: {name, parent, snaptime, vmstate, description, ' + 'current}; tsv names the current one in a column',
    async () => {
      const json = await run(['vm', 'snap', 'ls', 'web-1', '-o', 'json'], { env: s.env });
      const [base, tuned] = guest(100).snapshots;
      expect(JSON.parse(json.stdout)).toEqual([
        {
          name: 'base',
          parent: null,
          snaptime: base!.snaptime,
          vmstate: false,
          description: 'fresh install',
          current: true,
        },
        { name: 'tuned', parent: 'base', snaptime: tuned!.snaptime, vmstate: true, description: '', current: false },
      ]);
      const tsv = await run(['vm', 'snapshot', 'list', 'web-1', '-o', 'tsv'], { env: s.env });
      expect(tsv.stdout).toBe(
        'name\tparent\tsnaptime\tvmstate\tdescription\tcurrent\n' +
          `base\t\t${base!.snaptime}\tfalse\tfresh install\ttrue\n` +
          `tuned\tbase\t${tuned!.snaptime}\ttrue\t\tfalse\n`,
      );
      const ids = await run(['vm', 'snapshot', 'list', 'web-1', '-o', 'id'], { env: s.env });
      expect(ids.stdout).toBe('base\ntuned\n');
    },
  );

  it('a container has no VMSTATE column; none at all is an empty list', async () => {
    await snap(['ct', 'snapshot', 'create', 'dns-1', 'clean']);
    const r = await run(['ct', 'snapshot', 'list', 'dns-1'], { env: s.env });
    expect(r.stdout).toBe(
      `NAME             PARENT  CREATED              DESCRIPTION\nclean (current)  -       ` +
        `${created(200, 'clean')}  -\n`,
    );
    const none = await run(['ct', 'snapshot', 'list', 'cache-1'], { env: s.env, tty: true });
    expect(none).toEqual({ code: 0, stdout: '', stderr: 'CT 201 (cache-1) has no snapshots.\n' });
    const json = await run(['ct', 'snapshot', 'list', 'cache-1', '-o', 'json'], { env: s.env });
    expect(json.stdout).toBe('[]\n');
  });
});

describe('snapshot rollback', () => {
  beforeEach(async () => {
    await snap(['vm', 'snapshot', 'create', 'web-1', 'base']);
    guest(100).config.memory = '8192';
  });

  it('--yes: the configuration returns; a running VM whose snapshot has no RAM ends stopped', async () => {
    const r = await run(['vm', 'snapshot', 'rollback', 'web-1', 'base', '--yes'], { env: s.env });
    expect(r).toEqual({
      code: 0,
      stdout: '100 web-1 rolled back to base (stopped)\n',
      stderr: 'Rolling VM 100 (web-1) back to base\n',
    });
    expect(writes(s).at(-1)).toBe('POST /nodes/pve1/qemu/100/snapshot/base/rollback {}');
    expect(guest(100).config.memory).toBe('2048');
    const listed = await run(['vm', 'list', '-o', 'json'], { env: s.env });
    expect((JSON.parse(listed.stdout) as { vmid: number; status: string }[]).find((g) => g.vmid === 100)?.status).toBe(
      'stopped',
    );
  });

  it('asks on a terminal, saying what is lost; --start starts it again (-o json)', async () => {
    const asked: string[] = [];
    const r = await run(['vm', 'snapshot', 'rollback', 'web-1', 'base', '--start', '-o', 'json'], {
      env: s.env,
      tty: true,
      prompt: answer(true, asked),
    });
    expect(r.code).toBe(0);
    expect(asked).toEqual([
      'This rolls VM 100 (web-1) back to snapshot "base": everything since then is lost. It is running: it ' +
        'is stopped and started again.\nRoll back?',
    ]);
    expect(JSON.parse(r.stdout)).toEqual({
      vmid: 100,
      name: 'web-1',
      node: 'pve1',
      snapshot: 'base',
      result: 'rolled back',
      upid: s.sim.tasks.all.at(-1)!.upid,
      status: 'running',
    });
    expect(writes(s).at(-1)).toBe('POST /nodes/pve1/qemu/100/snapshot/base/rollback {"start":"1"}');
    expect(guest(100).status).toBe('running');
  });

  it('without --yes and no terminal: exit 2, nothing sent at all', async () => {
    s.sim.requestLog.length = 0;
    const r = await run(['vm', 'snapshot', 'rollback', 'web-1', 'base'], { env: s.env });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'Error: snapshot rollback needs confirmation: pass --yes (-y) when stdin is not a terminal; nothing ' +
        'was changed\n',
    });
    expect(s.sim.requestLog).toEqual([]);
  });

  it('a "no" changes nothing; an unknown snapshot is not found (exit 3)', async () => {
    const before = writes(s).length;
    const no = await run(['vm', 'snapshot', 'rollback', 'web-1', 'base'], {
      env: s.env,
      tty: true,
      prompt: answer(false, []),
    });
    expect(no).toEqual({ code: 1, stdout: '', stderr: 'Error: not confirmed; nothing was changed\n' });
    const unknown = await run(['vm', 'snapshot', 'rollback', 'web-1', 'nope', '-y'], { env: s.env });
    expect(unknown).toEqual({
      code: 3,
      stdout: '',
      stderr: 'Error: VM 100 (web-1) has no snapshot "nope"; its snapshots: base\n',
    });
    expect(writes(s).length).toBe(before);
    expect(guest(100).config.memory).toBe('8192');
  });

  it('--dry-run needs no --yes and sends only reads', async () => {
    const before = writes(s).length;
    const r = await run(['vm', 'snapshot', 'rollback', 'web-1', 'base', '--dry-run'], { env: s.env });
    expect(r).toEqual({ code: 0, stdout: 'POST /api2/json/nodes/pve1/qemu/100/snapshot/base/rollback\n', stderr: '' });
    expect(writes(s).length).toBe(before);
  });

  it('Ctrl-C: exit 130 with the UPID and how to resume', async () => {
    s.close();
    s = startInProcessSim({ taskMs: 5000 });
    guest(102).snapshots.push({
      name: 'base',
      description: '',
      snaptime: 1_700_000_000,
      config: { ...guest(102).config },
    });
    const ctrlC = ctrlCAfter(s, 300);
    const r = await run(['vm', 'snapshot', 'rollback', 'db-1', 'base', '-y'], { env: s.env, signal: ctrlC });
    const upid = s.sim.tasks.all[0]!.upid;
    expect(r).toEqual({
      code: 130,
      stdout: '',
      stderr:
        `Rolling VM 102 (db-1) back to base: failed\nError: interrupted; task ${upid} keeps running on the ` +
        `cluster\nResume waiting with: pvectl task wait ${upid}\n`,
    });
  });
});

describe('snapshot delete', () => {
  it('-y deletes it; the present state grows from its parent then', async () => {
    await snap(['ct', 'snapshot', 'create', 'dns-1', 'one']);
    await snap(['ct', 'snapshot', 'create', 'dns-1', 'two']);
    const r = await run(['ct', 'snapshot', 'rm', 'dns-1', 'two', '-y'], { env: s.env });
    expect(r).toEqual({
      code: 0,
      stdout: '200 dns-1 snapshot two deleted\n',
      stderr: 'Deleting snapshot two of CT 200 (dns-1)\n',
    });
    expect(writes(s).at(-1)).toBe('DELETE /nodes/pve1/lxc/200/snapshot/two {}');
    expect(guest(200).snapshots.map((x) => x.name)).toEqual(['one']);
    const list = await run(['ct', 'snapshot', 'list', 'dns-1', '-o', 'json'], { env: s.env });
    expect(JSON.parse(list.stdout)).toMatchObject([{ name: 'one', current: true }]);
  });

  it('asks on a terminal; needs --yes otherwise; --dry-run sends no write', async () => {
    await snap(['vm', 'snapshot', 'create', 'web-1', 'one']);
    const before = writes(s).length;
    const refused = await run(['vm', 'snapshot', 'delete', 'web-1', 'one'], { env: s.env });
    expect(refused).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'Error: snapshot delete needs confirmation: pass --yes (-y) when stdin is not a terminal; nothing ' +
        'was changed\n',
    });
    const dry = await run(['vm', 'snapshot', 'delete', 'web-1', 'one', '--dry-run'], { env: s.env });
    expect(dry).toEqual({ code: 0, stdout: 'DELETE /api2/json/nodes/pve1/qemu/100/snapshot/one\n', stderr: '' });
    expect(writes(s).length).toBe(before);
    const asked: string[] = [];
    const r = await run(['vm', 'snapshot', 'delete', 'web-1', 'one'], {
      env: s.env,
      tty: true,
      prompt: answer(true, asked),
    });
    expect(r.code).toBe(0);
    expect(asked).toEqual(['This deletes snapshot "one" of VM 100 (web-1).\nDelete it?']);
    expect(guest(100).snapshots).toEqual([]);
  });

  it('a failed delete task: exit 1 with its log tail; the snapshot stays', async () => {
    await snap(['vm', 'snapshot', 'create', 'web-1', 'one']);
    failNextTask(
      s,
      'delete',
      '/nodes/:node/qemu/:vmid/snapshot/:snapname',
      'qmdelsnapshot',
      "can't lock file '/var/lock/qemu-server/lock-100.conf' - got timeout",
    );
    const r = await run(['vm', 'snapshot', 'delete', 'web-1', 'one', '-y'], { env: s.env });
    const upid = s.sim.tasks.all.at(-1)!.upid;
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Deleting snapshot one of VM 100 (web-1): failed\n' +
        "Error: task qmdelsnapshot 100 failed: can't lock file '/var/lock/qemu-server/lock-100.conf' - got timeout\n" +
        "Task log (last lines):\n  TASK ERROR: can't lock file '/var/lock/qemu-server/lock-100.conf' - got timeout\n" +
        `Full log: pvectl task log ${upid}\n`,
    });
    expect(guest(100).snapshots.map((x) => x.name)).toEqual(['one']);
  });
});
