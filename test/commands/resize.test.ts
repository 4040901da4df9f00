// vm/ct resize: memory, cores, disk (grow only), pending changes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';
import { defaultDisk } from '../../src/commands/guest/resize.js';

let s: InProcessSim;
const writes = () =>
  s.sim.requestLog.filter((e) => e.method !== 'GET').map((e) => `${e.method} ${e.path} ${JSON.stringify(e.params)}`);
const config = (vmid: number) => s.sim.state.guests.get(vmid)!.config;

beforeEach(() => {
  s = startInProcessSim();
});
afterEach(() => {
  expect(s.sim.requestLog.filter((e) => e.violation)).toEqual([]);
  s.close();
});

describe('resize', () => {
  it('running VM: memory and cores wait for a reboot, the disk grows at once', async () => {
    const r = await run(['vm', 'resize', 'web-1', '--mem', '4G', '--cores', '4', '--disk', '+10G'], { env: s.env });
    expect(r).toEqual({
      code: 0,
      stdout:
        '100 web-1 memory 2048 MiB -> 4096 MiB (pending reboot)\n100 web-1 cores 2 -> 4 (pending ' +
        'reboot)\n100 web-1 scsi0 32G -> 42G\n',
      stderr:
        'memory 4096 MiB is pending: reboot the VM to apply it (pvectl vm reboot web-1)\n' +
        'cores 4 is pending: reboot the VM to apply it (pvectl vm reboot web-1)\n',
    });
    expect(writes()).toEqual([
      'PUT /nodes/pve1/qemu/100/config {"memory":"4096","cores":"4"}',
      'PUT /nodes/pve1/qemu/100/resize {"disk":"scsi0","size":"+10G"}',
    ]);
    expect(String(config(100).scsi0)).toContain('size=42G');
    const reboot = await run(['vm', 'reboot', 'web-1'], { env: s.env });
    expect(reboot.code).toBe(0);
    expect(config(100)).toMatchObject({ memory: '4096', cores: 4 });
  });

  it('container: memory applies live, rootfs by default; -o json', async () => {
    const r = await run(['ct', 'resize', 'dns-1', '--mem', '1G', '--disk', '12G', '-o', 'json'], { env: s.env });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      vmid: 200,
      name: 'dns-1',
      node: 'pve1',
      changes: [
        { key: 'memory', from: '512 MiB', to: '1024 MiB', pending: false },
        { key: 'rootfs', from: '8G', to: '12G', pending: false },
      ],
    });
    expect(writes()).toEqual([
      'PUT /nodes/pve1/lxc/200/config {"memory":"1024"}',
      'PUT /nodes/pve1/lxc/200/resize {"disk":"rootfs","size":"12G"}',
    ]);
  });

  it('a stopped VM changes at once', async () => {
    const r = await run(['vm', 'resize', 'db-1', '--cores', '8'], { env: s.env });
    expect(r).toEqual({ code: 0, stdout: '102 db-1 cores 4 -> 8\n', stderr: '' });
  });

  it.each([
    [['vm', 'resize', 'web-1'], 'Error: say what to change: --mem SIZE, --cores N and/or --disk +SIZE|SIZE\n'],
    [
      ['vm', 'resize', 'web-1', '--disk', '20G'],
      'Error: scsi0 of VM 100 is 32G; disks can only grow, not shrink to 20G\nGrow it with e.g. --disk +10G, ' +
        'or give a size of at least 32G.\n',
    ],
    [
      ['vm', 'resize', 'web-1', '--disk', '+1G', '--disk-name', 'virtio3'],
      'Error: VM 100 has no disk "virtio3"; its disks: scsi0\nPick one with --disk-name.\n',
    ],
    [
      ['vm', 'resize', 'web-1', '--mem', 'lots'],
      'Error: --mem: "lots" is not a size; use a number with an optional K, M, G or T suffix (e.g. 512M, 1G, 1.5G)\n',
    ],
  ])('%j is a usage error and nothing is written', async (args, stderr) => {
    const r = await run(args, { env: s.env });
    expect(r).toEqual({ code: 2, stdout: '', stderr });
    expect(writes()).toEqual([]);
  });

  it('the same size again sends nothing', async () => {
    const r = await run(['vm', 'resize', 'web-1', '--mem', '2048', '--disk', '32G'], { env: s.env });
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'VM 100 web-1 already has that size; nothing to change\n' });
    expect(writes()).toEqual([]);
  });

  it('--dry-run prints the calls and sends only reads', async () => {
    const r = await run(['ct', 'resize', 'dns-1', '--cores', '2', '--disk', '+1G', '--dry-run'], { env: s.env });
    expect(r).toEqual({
      code: 0,
      stdout:
        'PUT /api2/json/nodes/pve1/lxc/200/config {"cores":"2"}\nPUT /api2/json/nodes/pve1/lxc/200/resize ' +
        '{"disk":"rootfs","size":"+1G"}\n',
      stderr: '',
    });
    expect(writes()).toEqual([]);
  });
});

describe('defaultDisk', () => {
  it('takes the first disk of the boot order, skipping CD-ROMs', () => {
    expect(
      defaultDisk('qemu', {
        boot: 'order=ide2;virtio1;net0',
        ide2: 'local:iso/x.iso,media=cdrom',
        virtio1: 'local-lvm:vm-1-disk-1',
        scsi0: 'x',
      }),
    ).toBe('virtio1');
    expect(defaultDisk('qemu', { sata0: 'local-lvm:vm-1-disk-0', ide0: 'y' })).toBe('sata0');
    expect(defaultDisk('qemu', { ide2: 'local-lvm:vm-1-cloudinit,media=cdrom' })).toBeUndefined();
    expect(defaultDisk('lxc', {})).toBe('rootfs');
  });
});
