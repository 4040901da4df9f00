// Day-two verbs against the in-process simulator, each request checked against the official
// schema: set, template, backup (and its failures), restore, delete, storage, stats. (They ran as
// built-CLI processes over HTTPS; test/e2e keeps that path for power, lists, create and regions.)
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';
import { expectNoSchemaViolations } from '../helpers/sim.js';

let sim: InProcessSim;
const writes = () => sim.sim.requestLog.filter((e) => e.method !== 'GET').map((e) => `${e.method} ${e.path}`);
const cli = (args: string[]) => run(args, { env: sim.env });

beforeEach(() => {
  sim = startInProcessSim({ taskMs: 50 });
});
afterEach(() => {
  expectNoSchemaViolations(sim.sim);
  sim.close();
});

describe('changing a guest', () => {
  it('set prints what changed; a bad value sends nothing (exit 2)', async () => {
    const r = await cli(['vm', 'set', 'db-1', '--onboot', '--tag', 'nightly', '--cores', '2']);
    expect(r).toEqual({
      code: 0,
      stdout: '102 db-1 tags db -> db;nightly\n102 db-1 onboot 0 -> 1\n102 db-1 cores 4 -> 2\n',
      stderr: '',
    });
    const before = writes().length;
    const bad = await cli(['ct', 'set', 'dns-1', '--net-vlan', '9999']);
    expect(bad).toEqual({
      code: 2,
      stdout: '',
      stderr: 'Error: --net-vlan: "9999" must be a whole number from 1 to 4094\n',
    });
    expect(writes().length).toBe(before);
  });

  it('template: --yes converts a stopped VM', async () => {
    const r = await cli(['vm', 'template', 'db-1', '--yes']);
    expect(r).toEqual({
      code: 0,
      stdout: '102 db-1 is now a template\n',
      stderr: 'Converting VM 102 (db-1) to a template\n',
    });
    expect(writes()).toEqual(['POST /nodes/pve1/qemu/102/template']);
  });
});

describe('backups', () => {
  it('backup, list, restore to a new VMID, refuse the existing one, delete', async () => {
    const b = await cli(['vm', 'backup', 'db-1', '--compress', 'zstd', '-o', 'json']);
    expect(b.code).toBe(0);
    const volid: string = JSON.parse(b.stdout)[0].volid;
    expect(volid).toMatch(/^local:backup\/vzdump-qemu-102-\d{4}_\d\d_\d\d-\d\d_\d\d_\d\d\.vma\.zst$/);
    const list = await cli(['backup', 'list', '-o', 'id']);
    expect(list.stdout).toBe(`${volid}\n`);
    const taken = await cli(['backup', 'restore', volid]);
    expect(taken.code).toBe(2);
    const restored = await cli(['backup', 'restore', volid, '--vmid', '150', '--name', 'db-copy']);
    expect(restored).toMatchObject({ code: 0, stdout: 'VMID  NAME     NODE  STATUS\n150   db-copy  pve1  stopped\n' });
    const del = await cli(['backup', 'delete', volid, '--yes']);
    expect(del).toMatchObject({ code: 0, stdout: `${volid} deleted\n` });
  });

  it('a guest on an offline node fails; a protected backup is not deleted', async () => {
    sim.sim.setNodeOnline('pve2', false);
    const off = await cli(['vm', 'backup', '101']);
    expect(off.code).toBe(1);
    expect(off.stderr).toContain('No route to host');
    const p = await cli(['ct', 'backup', 'dns-1', '--protected', '-o', 'json']);
    const volid: string = JSON.parse(p.stdout)[0].volid;
    const before = writes().length;
    const del = await cli(['backup', 'delete', volid, '--yes']);
    expect(del.code).toBe(1);
    expect(del.stdout).toBe(
      `${volid} FAILED: ${volid} is protected: Proxmox keeps it until its protection is removed\n`,
    );
    expect(writes().length).toBe(before);
  });
});

describe('storage and stats', () => {
  it('storage list, show, content; vm stats in json', async () => {
    const list = await cli(['storage', 'list', '--node', 'pve1', '-o', 'id']);
    expect(list).toEqual({ code: 0, stdout: 'local\nlocal-lvm\n', stderr: '' });
    const show = await cli(['storage', 'show', 'local', '-o', 'json']);
    expect(JSON.parse(show.stdout)).toMatchObject({ storage: 'local', type: 'dir', path: '/var/lib/vz' });
    const content = await cli(['storage', 'content', 'local', '--content', 'vztmpl', '-o', 'id']);
    expect(content.stdout).toBe('local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst\n');
    const stats = await cli(['vm', 'stats', 'web-1', '--since', 'day', '-o', 'json']);
    expect(JSON.parse(stats.stdout).points).toHaveLength(70);
    const table = await cli(['node', 'stats', 'pve1']);
    expect(table.stdout).toMatch(/^METRIC .* LAST HOUR\ncpu .*[▁▂▃▄▅▆▇█]{35}\n/);
  });
});
