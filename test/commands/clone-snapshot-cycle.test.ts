// Against the in-process simulator: clone a template, snapshot the clone, change it, roll it back,
// delete the snapshot and migrate the clone — every request checked against the official schema.
// (It ran as built-CLI processes over HTTPS; test/e2e keeps that path for power, lists and create.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';
import { expectNoSchemaViolations } from '../helpers/sim.js';

let sim: InProcessSim;
const cli = (args: string[]) => run(args, { env: sim.env });
beforeAll(() => {
  sim = startInProcessSim({ taskMs: 50 });
});
afterAll(() => {
  expectNoSchemaViolations(sim.sim);
  sim.close();
});

describe('clone, snapshot, rollback, migrate', () => {
  it('a clone of the template lives through a snapshot cycle and moves to another node', async () => {
    const clone = await cli(['vm', 'clone', 'debian-12-cloud', 'app-1', '--full', '-o', 'json']);
    expect(clone.stderr).toBe('Cloning VM 9000 (debian-12-cloud) → 104 on pve1 (full clone)\n');
    expect(JSON.parse(clone.stdout)).toEqual({
      vmid: 104,
      name: 'app-1',
      type: 'qemu',
      node: 'pve1',
      status: 'stopped',
      region: 'env',
    });
    expect(clone.code).toBe(0);

    const snap = await cli([
      'vm',
      'snapshot',
      'create',
      'app-1',
      'as-cloned',
      '--description',
      'fresh copy',
      '-o',
      'json',
    ]);
    expect(snap.code).toBe(0);
    expect(JSON.parse(snap.stdout)).toMatchObject({
      name: 'as-cloned',
      parent: null,
      vmstate: false,
      description: 'fresh copy',
      current: true,
    });

    const resize = await cli(['vm', 'resize', 'app-1', '--mem', '4G']);
    expect(resize).toEqual({ code: 0, stdout: '104 app-1 memory 2048 MiB -> 4096 MiB\n', stderr: '' });

    const refused = await cli(['vm', 'snapshot', 'rollback', 'app-1', 'as-cloned']);
    expect(refused.code).toBe(2);
    const rollback = await cli(['vm', 'snapshot', 'rollback', 'app-1', 'as-cloned', '--yes']);
    expect(rollback).toEqual({
      code: 0,
      stdout: '104 app-1 rolled back to as-cloned (stopped)\n',
      stderr: 'Rolling VM 104 (app-1) back to as-cloned\n',
    });
    expect(sim.sim.state.guests.get(104)!.config.memory).toBe('2048');

    const del = await cli(['vm', 'snapshot', 'delete', 'app-1', 'as-cloned', '--yes']);
    expect(del).toEqual({
      code: 0,
      stdout: '104 app-1 snapshot as-cloned deleted\n',
      stderr: 'Deleting snapshot as-cloned of VM 104 (app-1)\n',
    });

    const migrate = await cli(['vm', 'migrate', 'app-1', 'pve2']);
    expect(migrate).toEqual({
      code: 0,
      stdout: 'VMID  NAME   NODE  STATUS\n104   app-1  pve2  stopped\n',
      stderr: 'Migrating VM 104 (app-1) pve1 → pve2 (offline)\n',
    });
    const list = await cli(['vm', 'list', '--name', 'app-*', '-o', 'json']);
    expect(JSON.parse(list.stdout)).toMatchObject([
      { vmid: 104, name: 'app-1', node: 'pve2', status: 'stopped', lock: null },
    ]);
    const snapshots = await cli(['vm', 'snapshot', 'list', 'app-1', '-o', 'json']);
    expect(snapshots).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
  });

  it('a running container moves with a restart', async () => {
    const r = await cli(['ct', 'migrate', 'dns-1', 'pve2']);
    expect(r).toEqual({
      code: 0,
      stdout: 'VMID  NAME   NODE  STATUS\n200   dns-1  pve2  running\n',
      stderr:
        'CT 200 (dns-1) is running: it is stopped, moved and started again on pve2 (restart ' +
        'migration)\nMigrating CT 200 (dns-1) pve1 → pve2 (restart)\n',
    });
  });
});
