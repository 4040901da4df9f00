// Day-two verbs with the built CLI over real HTTPS against pvesim, each request checked against the
// official schema: set, template, backup (and its failures), restore, delete, storage, stats.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeCertificatesAsync, type CertificateSet } from '../../sim/src/cert.js';
import { expectNoSchemaViolations, runCli, startSim, type SimServer } from '../helpers/sim.js';

let certificates: CertificateSet;
let sim: SimServer;
const writes = () => sim.sim.requestLog.filter((e) => e.method !== 'GET').map((e) => `${e.method} ${e.path}`);

beforeAll(async () => {
  certificates = await makeCertificatesAsync();
});
beforeEach(async () => {
  sim = await startSim({ taskMs: 50, certificates });
});
afterEach(async () => {
  expectNoSchemaViolations(sim);
  await sim.close();
});

describe('e2e: changing a guest', () => {
  it('set prints what changed; a bad value sends nothing (exit 2)', async () => {
    const r = await runCli(['vm', 'set', 'db-1', '--onboot', '--tag', 'nightly', '--cores', '2'], { sim });
    expect(r).toEqual({
      code: 0,
      stdout: '102 db-1 tags db -> db;nightly\n102 db-1 onboot 0 -> 1\n102 db-1 cores 4 -> 2\n',
      stderr: '',
    });
    const before = writes().length;
    const bad = await runCli(['ct', 'set', 'dns-1', '--net-vlan', '9999'], { sim });
    expect(bad).toEqual({
      code: 2,
      stdout: '',
      stderr: 'Error: --net-vlan: "9999" must be a whole number from 1 to 4094\n',
    });
    expect(writes().length).toBe(before);
  });

  it('template: --yes converts a stopped VM', async () => {
    const r = await runCli(['vm', 'template', 'db-1', '--yes'], { sim });
    expect(r).toEqual({
      code: 0,
      stdout: '102 db-1 is now a template\n',
      stderr: 'Converting VM 102 (db-1) to a template\n',
    });
    expect(writes()).toEqual(['POST /nodes/pve1/qemu/102/template']);
  });
});

describe('e2e: backups', () => {
  it('backup, list, restore to a new VMID, refuse the existing one, delete', async () => {
    const b = await runCli(['vm', 'backup', 'db-1', '--compress', 'zstd', '-o', 'json'], { sim });
    expect(b.code).toBe(0);
    const volid: string = JSON.parse(b.stdout)[0].volid;
    expect(volid).toMatch(/^local:backup\/vzdump-qemu-102-\d{4}_\d\d_\d\d-\d\d_\d\d_\d\d\.vma\.zst$/);
    const list = await runCli(['backup', 'list', '-o', 'id'], { sim });
    expect(list.stdout).toBe(`${volid}\n`);
    const taken = await runCli(['backup', 'restore', volid], { sim });
    expect(taken.code).toBe(2);
    const restored = await runCli(['backup', 'restore', volid, '--vmid', '150', '--name', 'db-copy'], { sim });
    expect(restored).toMatchObject({ code: 0, stdout: 'VMID  NAME     NODE  STATUS\n150   db-copy  pve1  stopped\n' });
    const del = await runCli(['backup', 'delete', volid, '--yes'], { sim });
    expect(del).toMatchObject({ code: 0, stdout: `${volid} deleted\n` });
  });

  it('a guest on an offline node fails; a protected backup is not deleted', async () => {
    sim.sim.setNodeOnline('pve2', false);
    const off = await runCli(['vm', 'backup', '101'], { sim });
    expect(off.code).toBe(1);
    expect(off.stderr).toContain('No route to host');
    const p = await runCli(['ct', 'backup', 'dns-1', '--protected', '-o', 'json'], { sim });
    const volid: string = JSON.parse(p.stdout)[0].volid;
    const before = writes().length;
    const del = await runCli(['backup', 'delete', volid, '--yes'], { sim });
    expect(del.code).toBe(1);
    expect(del.stdout).toBe(
      `${volid} FAILED: ${volid} is protected: Proxmox keeps it until its protection is removed\n`,
    );
    expect(writes().length).toBe(before);
  });
});

describe('e2e: storage and stats', () => {
  it('storage list, show, content; vm stats in json', async () => {
    const list = await runCli(['storage', 'list', '--node', 'pve1', '-o', 'id'], { sim });
    expect(list).toEqual({ code: 0, stdout: 'local\nlocal-lvm\n', stderr: '' });
    const show = await runCli(['storage', 'show', 'local', '-o', 'json'], { sim });
    expect(JSON.parse(show.stdout)).toMatchObject({ storage: 'local', type: 'dir', path: '/var/lib/vz' });
    const content = await runCli(['storage', 'content', 'local', '--content', 'vztmpl', '-o', 'id'], { sim });
    expect(content.stdout).toBe('local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst\n');
    const stats = await runCli(['vm', 'stats', 'web-1', '--since', 'day', '-o', 'json'], { sim });
    expect(JSON.parse(stats.stdout).points).toHaveLength(70);
    const table = await runCli(['node', 'stats', 'pve1'], { sim });
    expect(table.stdout).toMatch(/^METRIC .* LAST HOUR\ncpu .*[▁▂▃▄▅▆▇█]{35}\n/);
  });
});
