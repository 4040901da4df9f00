// Scripting consistency (issue 8 §9): empty stdin, bad selector values, unknown nodes, tasks and
// regions, guests on offline nodes, and power actions that cannot succeed — each refused or
// answered before any write reaches the cluster.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';

let s: InProcessSim;
const writes = () => s.sim.requestLog.filter((e) => e.method !== 'GET').map((e) => `${e.method} ${e.path}`);

beforeEach(() => {
  s = startInProcessSim();
});
afterEach(() => {
  expect(s.sim.requestLog.filter((e) => e.violation)).toEqual([]);
  s.close();
});

describe('guests from stdin', () => {
  it('an empty stdin is nothing to do: exit 0, as a selector that matches nothing', async () => {
    const none = await run(['vm', 'list', '--status', 'paused', '-o', 'id'], { env: s.env });
    expect(none).toEqual({ code: 0, stdout: '', stderr: '' });
    const r = await run(['vm', 'start', '-'], { env: s.env, stdin: none.stdout });
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'no VMs match\n' });
    expect(await run(['ct', 'stop', '-', '-o', 'json'], { env: s.env, stdin: '\n  \n' })).toEqual({
      code: 0,
      stdout: '[]\n',
      stderr: 'no CTs match\n',
    });
    expect(writes()).toEqual([]);
  });

  it('an empty stdin with a selector acts on nothing, never on every guest the selector matches', async () => {
    const r = await run(['vm', 'stop', '-', '--status', 'running'], { env: s.env, stdin: '' });
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'no VMs match\n' });
    expect(writes()).toEqual([]);
  });

  it('no guests and no "-" is still a usage error (exit 2), nothing sent', async () => {
    const r = await run(['vm', 'start'], { env: s.env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('pass "-" to read them from stdin');
    expect(writes()).toEqual([]);
  });
});

describe('selector values', () => {
  it('an unknown --status exits 2 listing the valid ones, before any request', async () => {
    for (const verb of ['stop', 'start', 'delete']) {
      const r = await run(['vm', verb, '--status', 'bogus', '--yes'], { env: s.env });
      expect(r).toEqual({
        code: 2,
        stdout: '',
        stderr: 'Error: --status: "bogus" is not one of running, stopped, paused, suspended, unknown, template\n',
      });
    }
    expect(s.sim.requestLog).toEqual([]);
  });

  it('an unknown --node exits 3 naming the nodes; nothing is written', async () => {
    const r = await run(['vm', 'stop', '--node', 'pve9'], { env: s.env });
    expect(r).toEqual({
      code: 3,
      stdout: '',
      stderr: 'Error: no node "pve9" in region "env"\nNodes: pve1, pve2, pve3.\n',
    });
    expect((await run(['ct', 'start', '--node', 'pve9', '--tag', 'x'], { env: s.env })).code).toBe(3);
    expect(writes()).toEqual([]);
  });

  it('vm list / ct list --node of an unknown node: exit 3, not an empty list', async () => {
    for (const noun of ['vm', 'ct']) {
      const r = await run([noun, 'list', '--node', 'pve9'], { env: s.env });
      expect(r).toEqual({
        code: 3,
        stdout: '',
        stderr: 'Error: no node "pve9" in region "env"\nNodes: pve1, pve2, pve3.\n',
      });
    }
    const none = await run(['ct', 'list', '--node', 'pve3'], { env: s.env });
    expect(none).toEqual({ code: 0, stdout: '', stderr: '' }); // an empty list is success
  });

  it('a known node without guests of the kind (pve3 has no CT) is nothing to do', async () => {
    const r = await run(['ct', 'stop', '--node', 'pve3'], { env: s.env });
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'no CTs match\n' });
  });
});

describe('power actions that cannot succeed are refused before sending', () => {
  it('start of a template: exit 1 with what to do instead, no task', async () => {
    const r = await run(['vm', 'start', '9000'], { env: s.env });
    expect(r).toEqual({
      code: 1,
      stdout: "9000 debian-12-cloud FAILED: you can't start a vm if it's a template\n",
      stderr: "Error: you can't start a vm if it's a template\nClone it instead: pvectl vm clone 9000 NAME\n",
    });
    expect(writes()).toEqual([]);
    expect(s.sim.tasks.all).toEqual([]);
  });

  it('start of a container template, in the words pve-container uses (API2/LXC/Status.pm vm_start)', async () => {
    s.sim.state.guests.get(201)!.config.template = 1;
    const r = await run(['ct', 'start', '201'], { env: s.env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("201 cache-1 FAILED: you can't start a CT if it's a template\n");
    expect(r.stderr).toBe(
      "Error: you can't start a CT if it's a template\nClone it instead: pvectl ct clone 201 NAME\n",
    );
    expect(writes()).toEqual([]);
  });

  it.each([
    ['vm', 'suspend', 'db-1', '102 db-1 FAILED: VM 102 not running'],
    ['vm', 'reboot', 'db-1', '102 db-1 FAILED: VM 102 not running'],
    ['vm', 'resume', '102', '102 db-1 FAILED: VM 102 not running'],
    ['ct', 'suspend', 'cache-1', '201 cache-1 FAILED: CT 201 not running'],
  ])('%s %s of a stopped guest (%s)', async (noun, verb, ref, line) => {
    const r = await run([noun, verb, ref], { env: s.env });
    expect(r).toEqual({ code: 1, stdout: `${line}\n`, stderr: `Error: ${line.replace(/^.* FAILED: /, '')}\n` });
    expect(writes()).toEqual([]);
  });

  it('in bulk the others go ahead: exit 7', async () => {
    const r = await run(['vm', 'suspend', 'web-1', 'db-1', '--parallel', '1'], { env: s.env });
    expect(r).toEqual({
      code: 7,
      stdout: '100 web-1 suspended\n102 db-1 FAILED: VM 102 not running\n',
      stderr: 'Error: 1 of 2 VMs failed to suspend (see above)\n',
    });
    expect(writes()).toEqual(['POST /nodes/pve1/qemu/100/status/suspend']);
  });
});

describe('a guest on an offline node', () => {
  beforeEach(() => s.sim.setNodeOnline('pve3', false));

  it('by name: says the node is offline and which guests may be it (exit 1), not "no VM named"', async () => {
    const r = await run(['vm', 'stop', 'ha-app'], { env: s.env });
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Error: no VM named "ha-app" on the online nodes; node pve3 is offline and the names of VMs there ' +
        'are unknown: it may be 103 on pve3\nUse the VMID, or try again when pve3 is back online.\n',
    });
    expect((await run(['vm', 'show', 'ha-app'], { env: s.env })).code).toBe(1);
    expect(writes()).toEqual([]);
  });

  it('a name that is nowhere while no node is offline is still not found (exit 3)', async () => {
    s.sim.setNodeOnline('pve3', true);
    const r = await run(['vm', 'stop', 'nope'], { env: s.env });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('Error: no VM named "nope"\nSee: pvectl vm list\n');
  });

  it('by VMID: refused naming its node, nothing sent to the offline node', async () => {
    const r = await run(['vm', 'stop', '103'], { env: s.env });
    expect(r).toEqual({
      code: 1,
      stdout: '103 - FAILED: VM 103 is on node pve3, which is offline\n',
      stderr: 'Error: VM 103 is on node pve3, which is offline\n',
    });
    expect(writes()).toEqual([]);
  });
});

describe('unknown tasks, nodes and regions are not found (exit 3)', () => {
  const upid = (node: string) => `UPID:${node}:00001234:00005678:65000000:qmstart:100:root@pam:`;

  it('task show|log|wait of a well-formed UPID the node does not know', async () => {
    for (const verb of ['show', 'log', 'wait']) {
      const r = await run(['task', verb, upid('pve1')], { env: s.env });
      expect({ verb, code: r.code, stderr: r.stderr }).toEqual({
        verb,
        code: 3,
        stderr: `Error: no task ${upid('pve1')} on node pve1\nSee: pvectl task list\n`,
      });
    }
  });

  it('task show of a UPID on a node the region does not have', async () => {
    const r = await run(['task', 'show', upid('pve9')], { env: s.env });
    expect(r).toEqual({
      code: 3,
      stdout: '',
      stderr: `Error: no task ${upid('pve9')}: region "env" has no node "pve9"\nSee: pvectl node list\n`,
    });
  });

  it('task list --node of an unknown node', async () => {
    const r = await run(['task', 'list', '--node', 'pve9'], { env: s.env });
    expect(r).toEqual({
      code: 3,
      stdout: '',
      stderr: 'Error: no node "pve9" in region "env"\nNodes: pve1, pve2, pve3.\n',
    });
  });

  it('an unknown region, on any verb, before any request', async () => {
    for (const args of [
      ['vm', 'list'],
      ['vm', 'start', '-'],
      ['task', 'list'],
      ['node', 'show', 'pve1'],
    ]) {
      const r = await run([...args, '--region', 'nope'], { env: s.env });
      expect({ args, code: r.code }).toEqual({ args, code: 3 });
      expect(r.stderr).toMatch(/^Error: Unknown region "nope" \(from --region\)\./);
    }
    expect(s.sim.requestLog).toEqual([]);
  });
});
