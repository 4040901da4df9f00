// What backup restore and delete refuse before sending anything, and what --dry-run sends.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';
import { writes } from './guest-task-helpers.js';

let s: InProcessSim;
beforeEach(() => {
  s = startInProcessSim();
});
afterEach(() => {
  expect(s.sim.requestLog.filter((e) => e.violation)).toEqual([]);
  s.close();
});

async function backupOf(noun: 'vm' | 'ct', ref: string): Promise<string> {
  const r = await run([noun, 'backup', ref, '-o', 'json'], { env: s.env });
  return JSON.parse(r.stdout)[0].volid;
}

describe('backup restore --force refusals send nothing (exit 2)', () => {
  it.each([
    [
      'a protected guest',
      async () => void (await run(['vm', 'set', 'db-1', '--protection'], { env: s.env })),
      ['--force', '--yes'],
      'Error: VM 102 (db-1) is protected; turn protection off first\npvectl vm set db-1 --no-protection\n',
    ],
    [
      'a guest of the other kind',
      async () => undefined,
      ['--force', '--yes', '--vmid', '200'],
      'Error: CT 200 (dns-1) is not a VM; pick another --vmid\n',
    ],
    [
      "another node than the guest's",
      async () => undefined,
      ['--force', '--yes', '--node', 'pve2'],
      // the backup is on pve1's local storage: pve2 does not see it
      'Error: no backup "VOLID" on node pve2\nList them with: pvectl backup list\n',
    ],
    [
      'no confirmation without a terminal',
      async () => undefined,
      ['--force'],
      'Error: restore --force needs confirmation: pass --yes (-y) when stdin is not a terminal; nothing was changed\n',
    ],
  ])('%s', async (_what, prepare, flags, stderr) => {
    const volid = await backupOf('vm', 'db-1');
    await prepare();
    const before = writes(s);
    const r = await run(['backup', 'restore', volid, ...flags], { env: s.env });
    expect(r.code).toBe(stderr.includes('no backup') ? 3 : 2);
    expect(r.stderr).toBe(stderr.replace('VOLID', volid));
    expect(writes(s)).toEqual(before);
  });
});

describe('--dry-run', () => {
  it('backup, restore and delete print their calls and change nothing', async () => {
    const volid = await backupOf('ct', '201');
    const before = writes(s);
    const b = await run(['--dry-run', 'vm', 'backup', 'db-1', '--storage', 'local'], { env: s.env });
    expect(b.code).toBe(0);
    expect(b.stdout).toContain('POST /api2/json/nodes/pve1/vzdump');
    const r = await run(['--dry-run', 'backup', 'restore', volid, '--vmid', '300'], { env: s.env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('POST /api2/json/nodes/pve2/lxc');
    const d = await run(['--dry-run', 'backup', 'delete', volid], { env: s.env });
    expect(d.code).toBe(0);
    expect(d.stdout).toContain('DELETE /api2/json/nodes/pve2/storage/local/content/');
    expect(writes(s)).toEqual(before);
    expect(s.sim.state.guests.has(300)).toBe(false);
  });
});
