// vm/ct backup, backup list|restore|delete against the simulator, failure paths included.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';
import { answer, writes } from './guest-task-helpers.js';

let s: InProcessSim;
const GiB = 1024 ** 3;
const VOLID = /^local:backup\/vzdump-qemu-102-\d{4}_\d\d_\d\d-\d\d_\d\d_\d\d\.vma$/;

beforeEach(() => {
  s = startInProcessSim();
});
afterEach(() => {
  expect(s.sim.requestLog.filter((e) => e.violation)).toEqual([]);
  s.close();
});

async function backupOf(vmid: number, extra: string[] = []): Promise<string> {
  const r = await run(['vm', 'backup', String(vmid), '-o', 'json', ...extra], { env: s.env });
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout)[0].volid;
}

describe('vm/ct backup', () => {
  it('one line per guest with the volume written; notes and protection reach the volume', async () => {
    const r = await run(['vm', 'backup', 'db-1', '--notes', '{{guestname}} nightly', '--compress', 'zstd'], {
      env: s.env,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^102 db-1 backed up to local:backup\/vzdump-qemu-102-\S+\.vma\.zst \(\d+\.\d GiB\)\n$/);
    expect(writes(s)).toEqual([
      'POST /nodes/pve1/vzdump ' +
        '{"vmid":"102","storage":"local","compress":"zstd","notes-template":"{{guestname}} nightly"}',
    ]);
    const ct = await run(['ct', 'backup', 'dns-1', '--protected', '--mode', 'stop', '-o', 'json'], { env: s.env });
    const [res] = JSON.parse(ct.stdout);
    expect(res).toMatchObject({ vmid: 200, ok: true, action: 'backup', error: null });
    expect(res.volid).toMatch(/^local:backup\/vzdump-lxc-200-.*\.tar$/);
    const list = JSON.parse((await run(['backup', 'list', '-o', 'json'], { env: s.env })).stdout);
    expect(list.map((b: any) => [b.vmid, b.name, b.type, b.notes, b.protected])).toEqual(
      expect.arrayContaining([
        [102, 'db-1', 'qemu', 'db-1 nightly', false],
        [200, 'dns-1', 'lxc', null, true],
      ]),
    );
  });

  it('a guest on an offline node fails with the reason, the others are backed up: exit 7', async () => {
    s.sim.setNodeOnline('pve2', false);
    // a guest on an offline node has no name in /cluster/resources (QUIRKS C1): named by VMID
    const r = await run(['vm', 'backup', 'db-1', '101'], { env: s.env });
    expect(r.code).toBe(7);
    expect(r.stdout).toMatch(/^102 db-1 backed up to local:backup\/\S+ \(.*\)\n101 - FAILED: .*No route to host.*\n$/m);
    const one = await run(['vm', 'backup', '101'], { env: s.env });
    expect(one.code).toBe(1);
    expect(one.stderr).toContain('No route to host');
  });

  it('a bad --compress is a usage error and nothing is written', async () => {
    const r = await run(['vm', 'backup', 'db-1', '--compress', 'xz'], { env: s.env });
    expect(r).toEqual({ code: 2, stdout: '', stderr: expect.stringContaining('--compress: "xz" is not one of') });
    expect(writes(s)).toEqual([]);
  });
});

describe('backup list', () => {
  it('newest first across storages, a shared PBS storage once; filters by guest, storage, node', async () => {
    s.sim.state.storages.push({ storage: 'pbs', type: 'pbs', content: 'backup', shared: 1, total: 1000 * GiB });
    const first = await backupOf(102);
    s.sim.state.volume('pve1', first)!.ctime -= 3600;
    const pbs = await backupOf(100, ['--storage', 'pbs']);
    expect(pbs).toMatch(/^pbs:backup\/vm\/100\/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const all = JSON.parse((await run(['backup', 'list', '-o', 'json'], { env: s.env })).stdout);
    expect(all.map((b: any) => b.volid)).toEqual([pbs, first]);
    expect(all[0]).toMatchObject({ storage: 'pbs', shared: true, type: 'qemu', format: 'pbs-vm', name: 'web-1' });
    const tsv = await run(['backup', 'list', '--guest', 'db-1', '-o', 'tsv', '--columns', 'volid,vmid,name'], {
      env: s.env,
    });
    expect(tsv.stdout).toBe(`volid\tvmid\tname\n${first}\t102\tdb-1\n`);
    const ids = await run(['backup', 'list', '--storage', 'pbs', '-o', 'id'], { env: s.env });
    expect(ids.stdout).toBe(`${pbs}\n`);
    const unknown = await run(['backup', 'list', '--node', 'pve9'], { env: s.env });
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toBe('Error: no node "pve9" in region "env"\nNodes: pve1, pve2, pve3.\n');
  });
});

describe('backup restore', () => {
  it('refuses an existing VMID without --force: exit 2, nothing written', async () => {
    const volid = await backupOf(102);
    const before = writes(s).length;
    const r = await run(['backup', 'restore', volid], { env: s.env });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'Error: VM 102 (db-1) exists on pve1; nothing was restored\n' +
        'Restore it as a new guest with --vmid ID, or replace it with --force.\n',
    });
    expect(writes(s).length).toBe(before);
  });

  it('restores to a new VMID with a new name and prints it like create', async () => {
    const volid = await backupOf(102);
    expect(volid).toMatch(VOLID);
    const r = await run(['backup', 'restore', volid, '--vmid', '150', '--name', 'db-restored'], { env: s.env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('VMID  NAME         NODE  STATUS\n150   db-restored  pve1  stopped\n');
    expect(writes(s).at(-1)).toBe(
      `POST /nodes/pve1/qemu ${JSON.stringify({ vmid: '150', archive: volid, name: 'db-restored' })}`,
    );
    expect(s.sim.state.guests.get(150)!.config).toMatchObject({ name: 'db-restored', cores: 4 });
  });

  it('--force says what it replaces and asks; a running guest is refused first', async () => {
    const ct = await run(['ct', 'backup', 'dns-1', '-o', 'json'], { env: s.env });
    const volid = JSON.parse(ct.stdout)[0].volid;
    const running = await run(['backup', 'restore', volid, '--force', '--yes'], { env: s.env });
    expect(running.code).toBe(2);
    expect(running.stderr).toBe(
      'Error: CT 200 (dns-1) is running; stop it before restoring over it\npvectl ct stop dns-1\n',
    );
    await run(['ct', 'stop', 'dns-1'], { env: s.env });
    const asked: string[] = [];
    const r = await run(['backup', 'restore', volid, '--force', '--start'], {
      env: s.env,
      tty: true,
      prompt: answer(true, asked),
    });
    expect(r.code).toBe(0);
    expect(asked).toEqual([
      `This replaces CT 200 (dns-1) on pve1 with the backup ${volid}:\n` +
        'its configuration and disks are deleted.\nReplace it?',
    ]);
    expect(writes(s).at(-1)).toBe(
      'POST /nodes/pve1/lxc ' +
        JSON.stringify({ vmid: '200', ostemplate: volid, restore: '1', force: '1', start: '1' }),
    );
    expect(s.sim.state.guests.get(200)!.status).toBe('running');
  });

  it('an unknown backup is not found (exit 3)', async () => {
    const r = await run(['backup', 'restore', 'local:backup/vzdump-qemu-1-x.vma'], { env: s.env });
    expect(r.code).toBe(3);
    expect(writes(s)).toEqual([]);
  });
});

describe('backup delete', () => {
  it('asks, deletes, and refuses a protected backup with the reason (nothing sent for it)', async () => {
    const plain = await backupOf(102);
    const kept = await backupOf(100, ['--protected']);
    const before = writes(s).length;
    const refused = await run(['backup', 'delete', kept, '--yes'], { env: s.env });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe(
      `${kept} FAILED: ${kept} is protected: Proxmox keeps it until its protection is removed\n`,
    );
    expect(writes(s).length).toBe(before);
    const both = await run(['backup', 'delete', plain, kept, '--yes'], { env: s.env });
    expect(both.code).toBe(7);
    expect(both.stdout).toContain(`${plain} deleted\n`);
    expect(writes(s).slice(before)).toEqual([`DELETE /nodes/pve1/storage/local/content/${plain} {}`]);
    expect(s.sim.state.volume('pve1', plain)).toBeUndefined();
  });

  it('needs --yes without a terminal; not confirmed sends nothing', async () => {
    const volid = await backupOf(102);
    const before = writes(s).length;
    const r = await run(['backup', 'delete', volid], { env: s.env });
    expect(r.code).toBe(2);
    const no = await run(['backup', 'delete', volid], { env: s.env, tty: true, prompt: answer(false, []) });
    expect(no.code).toBe(1);
    expect(writes(s).length).toBe(before);
  });
});
