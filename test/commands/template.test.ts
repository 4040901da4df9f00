// vm/ct template: asks, refuses what Proxmox would refuse before sending, and the result is found by
// os list and vm clone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';
import { answer, writes } from './guest-task-helpers.js';

let s: InProcessSim;
beforeEach(() => {
  s = startInProcessSim();
});
afterEach(() => {
  expect(s.sim.requestLog.filter((e) => e.violation)).toEqual([]);
  s.close();
});

describe('template', () => {
  it('turns a stopped VM into a template that os list and vm clone find', async () => {
    await run(['vm', 'set', 'db-1', '--tag', 'os-debian-12'], { env: s.env });
    const asked: string[] = [];
    const r = await run(['vm', 'template', 'db-1'], { env: s.env, tty: true, prompt: answer(true, asked) });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('102 db-1 is now a template\n');
    expect(asked).toEqual([
      'This turns VM 102 (db-1) into a template: it can no longer be started, only cloned.\nConvert it?',
    ]);
    expect(s.sim.state.guests.get(102)!.config.template).toBe(1);
    const os = await run(['os', 'list', '--type', 'vm', '-o', 'tsv', '--no-headers'], { env: s.env });
    expect(os.stdout).toContain('debian-12\tvm\ttemplate VM 102\tpve1\tdb-1\n');
    const clone = await run(['vm', 'clone', 'db-1', 'db-copy'], { env: s.env });
    expect(clone.stderr).toContain('(linked clone)');
  });

  it('a container converts at once; -o json', async () => {
    const r = await run(['ct', 'template', '201', '--yes', '-o', 'json'], { env: s.env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ vmid: 201, name: 'cache-1', node: 'pve2', template: true, upid: null });
    expect(writes(s)).toEqual(['POST /nodes/pve2/lxc/201/template {}']);
  });

  it('not confirmed: nothing is sent, exit 1', async () => {
    const r = await run(['vm', 'template', 'db-1'], { env: s.env, tty: true, prompt: answer(false, []) });
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'Error: not confirmed; nothing was changed\n' });
    expect(writes(s)).toEqual([]);
  });

  it.each([
    [
      ['vm', 'template', 'db-1'],
      'Error: template needs confirmation: pass --yes (-y) when stdin is not a terminal; nothing was changed\n',
    ],
    [
      ['vm', 'template', 'web-1', '--yes'],
      'Error: VM 100 (web-1) is running; a template is made from a stopped guest\n' +
        'Stop it first: pvectl vm stop web-1\n',
    ],
    [
      ['vm', 'template', 'debian-12-cloud', '--yes'],
      'Error: VM 9000 (debian-12-cloud) is already a template; nothing was changed\n',
    ],
  ])('%j is refused before anything is sent', async (args, stderr) => {
    expect(await run(args, { env: s.env })).toEqual({ code: 2, stdout: '', stderr });
    expect(writes(s)).toEqual([]);
  });

  it('a guest with snapshots is refused with the way out', async () => {
    await run(['vm', 'snapshot', 'create', 'db-1', 's1'], { env: s.env });
    const before = writes(s).length;
    const r = await run(['vm', 'template', 'db-1', '--yes'], { env: s.env });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'Error: VM 102 (db-1) has snapshots (s1)\n' +
        'A template cannot have snapshots; delete them first (pvectl vm snapshot delete db-1 NAME).\n',
    );
    expect(writes(s).length).toBe(before);
  });
});
