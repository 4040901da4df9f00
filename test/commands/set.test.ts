// vm/ct set: one PUT …/config with only what changes; live vs pending reboot; bad values send nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';
import { writes } from './guest-task-helpers.js';
import { withParts } from '../../src/commands/guest/set-plan.js';

let s: InProcessSim;
const config = (vmid: number) => s.sim.state.guests.get(vmid)!.config;

beforeEach(() => {
  s = startInProcessSim();
});
afterEach(() => {
  expect(s.sim.requestLog.filter((e) => e.violation)).toEqual([]);
  s.close();
});

describe('set', () => {
  it('running VM: live options apply at once, cores/cpu/net0 wait for a reboot', async () => {
    const net0 = String(config(100).net0);
    const r = await run(
      ['vm', 'set', 'web-1', '--description', 'front', '--tag', 'blue', '--untag', 'web', '--onboot'].concat([
        '--cores',
        '4',
        '--net-vlan',
        '20',
        '--cpu-type',
        'host',
        '--startup',
        '2',
      ]),
      { env: s.env },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      '100 web-1 description - -> front\n100 web-1 tags prod;web -> prod;blue\n100 web-1 onboot 0 -> 1\n' +
        '100 web-1 cores 2 -> 4 (pending reboot)\n100 web-1 cpu - -> host (pending reboot)\n' +
        `100 web-1 net0 ${net0} -> ${net0},tag=20 (pending reboot)\n100 web-1 startup - -> order=2\n`,
    );
    expect(r.stderr).toBe(
      'cores 4 is pending: reboot the VM to apply it (pvectl vm reboot web-1)\n' +
        'cpu host is pending: reboot the VM to apply it (pvectl vm reboot web-1)\n' +
        `net0 ${net0},tag=20 is pending: reboot the VM to apply it (pvectl vm reboot web-1)\n`,
    );
    expect(writes(s)).toEqual([
      'PUT /nodes/pve1/qemu/100/config ' +
        JSON.stringify({
          description: 'front',
          tags: 'prod;blue',
          onboot: '1',
          cores: '4',
          cpu: 'host',
          net0: `${net0},tag=20`,
          startup: 'order=2',
        }),
    ]);
    expect(config(100)).toMatchObject({ description: 'front', tags: 'blue;prod', onboot: 1, cores: 2 });
  });

  it('container: hostname, memory and bridge live; -o json; removing the last tag deletes tags', async () => {
    const r = await run(['ct', 'set', 'dns-1', '--name', 'dns-2', '--mem', '1G', '--untag', 'infra', '-o', 'json'], {
      env: s.env,
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      vmid: 200,
      name: 'dns-1',
      node: 'pve1',
      changes: [
        { key: 'hostname', from: 'dns-1', to: 'dns-2', pending: false },
        { key: 'tags', from: 'infra', to: '-', pending: false },
        { key: 'memory', from: '512 MiB', to: '1024 MiB', pending: false },
      ],
    });
    expect(writes(s)).toEqual(['PUT /nodes/pve1/lxc/200/config {"hostname":"dns-2","delete":"tags","memory":"1024"}']);
    expect(config(200)).toMatchObject({ hostname: 'dns-2', memory: 1024 });
    expect(config(200).tags).toBeUndefined();
  });

  it('protection on refuses a later delete; nothing to change says so and writes nothing', async () => {
    expect((await run(['vm', 'set', 'db-1', '--protection'], { env: s.env })).stdout).toBe(
      '102 db-1 protection 0 -> 1\n',
    );
    const del = await run(['vm', 'delete', 'db-1', '--yes'], { env: s.env });
    expect(del.code).toBe(1);
    expect(del.stdout).toContain('protected');
    const same = await run(['vm', 'set', 'db-1', '--protection', '--cores', '4'], { env: s.env });
    expect(same).toEqual({
      code: 0,
      stdout: '',
      stderr: 'VM 102 db-1 already has these settings; nothing to change\n',
    });
    expect(writes(s)).toEqual(['PUT /nodes/pve1/qemu/102/config {"protection":"1"}']);
  });

  it('--dry-run prints the PUT and changes nothing', async () => {
    const r = await run(['--dry-run', 'vm', 'set', 'db-1', '--name', 'db-2'], { env: s.env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('PUT /api2/json/nodes/pve1/qemu/102/config');
    expect(r.stdout).toContain('db-2');
    expect(writes(s)).toEqual([]);
    expect(config(102).name).toBe('db-1');
  });

  it.each([
    [
      ['vm', 'set', 'web-1'],
      'Error: say what to change, e.g. --name NAME, --tag T, --onboot, --cores N (see --help)\n',
    ],
    [['vm', 'set', 'web-1', '--net-vlan', '5000'], 'Error: --net-vlan: "5000" must be a whole number from 1 to 4094\n'],
    [['vm', 'set', 'web-1', '--name', 'web 1'], /--name: "web 1" is not a valid DNS name/],
    [['vm', 'set', 'web-1', '--tag', 'a b'], /--tag: "a b" is not a valid tag/],
    [['vm', 'set', 'web-1', '--startup', 'soon'], /--startup: "soon" is not a start order/],
    [['vm', 'set', 'web-1', '--untag', 'db'], 'Error: VM 100 has no tag "db"; its tags: prod, web\n'],
    [['ct', 'set', 'dns-1', '--cpu-type', 'host'], /unknown option '--cpu-type'/],
  ])('%j is a usage error and nothing is written', async (args, stderr) => {
    const r = await run(args, { env: s.env });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    if (typeof stderr === 'string') expect(r.stderr).toBe(stderr);
    else expect(r.stderr).toMatch(stderr);
    expect(writes(s)).toEqual([]);
  });

  it('a description from the cluster is shown escaped; -o json carries it exactly', async () => {
    s.sim.state.guests.get(102)!.config.description = 'old\x1b]0;pwned\x07';
    const r = await run(['vm', 'set', 'db-1', '--description', 'new'], { env: s.env });
    expect(r.stdout).toBe('102 db-1 description old\\x1b]0;pwned\\x07 -> new\n');
    s.sim.state.guests.get(102)!.config.description = 'x\x1b[2J';
    const j = await run(['vm', 'set', 'db-1', '--description', 'y', '-o', 'json'], { env: s.env });
    expect(JSON.parse(j.stdout).changes[0].from).toBe('x\x1b[2J');
  });

  it('withParts replaces parts in place and keeps the rest', () => {
    expect(withParts('virtio=AA,bridge=vmbr0,firewall=1', { bridge: 'vmbr1', tag: '5' })).toBe(
      'virtio=AA,bridge=vmbr1,firewall=1,tag=5',
    );
    expect(withParts('1,fstrim_cloned_disks=1', { enabled: '0' }, 'enabled')).toBe('0,fstrim_cloned_disks=1');
    expect(withParts('', { cputype: 'host' }, 'cputype')).toBe('host');
  });
});
