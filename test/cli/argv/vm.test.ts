// argv → options for every `vm` verb (shared guest verbs: guest-rows.ts); bad argv exits 2 and runs
// nothing. The flags only VMs have (--with-local-disks, --vmstate, --user) are rows of their own.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startInProcessSim, type InProcessSim } from '../../helpers/cli.js';
import { expectUsageError, expectVerb } from './harness.js';
import { guestBadRows, type BadRow } from './guest-bad-rows.js';
import { guestRows, type Row } from './guest-rows.js';

let sim: InProcessSim;
beforeAll(() => {
  sim = startInProcessSim();
});
afterAll(() => sim.close());

const CREATE_DEFAULTS = { sshKeys: [], tags: [], start: true, rollback: false };

const VM_ONLY: Row[] = [
  [
    ['vm', 'migrate', '100', 'pve2', '--online', '--with-local-disks'],
    'guest/migrate',
    { kind: 'qemu', guest: '100', node: 'pve2', online: true, withLocalDisks: true },
  ],
  [
    ['vm', 'snapshot', 'create', '100', 's1', '--vmstate'],
    'guest/snapshot-create',
    { kind: 'qemu', guest: '100', name: 's1', vmstate: true },
  ],
  [['vm', 'create', 'web-9', '--os', 'debian'], 'vm/create', { name: 'web-9', os: 'debian', ...CREATE_DEFAULTS }],
  [
    [
      'vm',
      'create',
      'web-9',
      '--os',
      'ubuntu-24.04',
      '--mem',
      '4G',
      '--cores',
      '2',
      '--disk',
      '40G',
      '--node',
      'pve2',
      '--storage',
      'ceph',
      '--bridge',
      'vmbr1',
      '--ip',
      '192.0.2.10/24',
      '--gw',
      '192.0.2.1',
      '--ssh-key',
      'a.pub',
      '--ssh-key',
      'b.pub',
      '--tag',
      'web',
      '--tag',
      'prod',
      '--pool',
      'lab',
      '--vmid',
      '1234',
      '--no-start',
      '--rollback',
      '--user',
      'admin',
    ],
    'vm/create',
    {
      name: 'web-9',
      os: 'ubuntu-24.04',
      memMiB: 4096,
      cores: 2,
      diskGiB: 40,
      node: 'pve2',
      storage: 'ceph',
      bridge: 'vmbr1',
      ip: '192.0.2.10/24',
      gw: '192.0.2.1',
      sshKeys: ['a.pub', 'b.pub'],
      tags: ['web', 'prod'],
      pool: 'lab',
      vmid: 1234,
      start: false,
      rollback: true,
      user: 'admin',
    },
  ],
  [
    ['vm', 'create', 'db-1', '--os=debian', '--ip', 'auto', '--mem', '1024'],
    'vm/create',
    { name: 'db-1', os: 'debian', ip: 'auto', memMiB: 1024, ...CREATE_DEFAULTS },
  ],
  [
    ['vm', 'create', 'w', '--os', 'debian', '--user-data', 'cc.yaml', '--iso-storage', 'nfs-iso'],
    'vm/create',
    { name: 'w', os: 'debian', userData: 'cc.yaml', isoStorage: 'nfs-iso', ...CREATE_DEFAULTS },
  ],
  [
    ['vm', 'create', 'w', '--os', 'debian', '--no-seed'],
    'vm/create',
    { name: 'w', os: 'debian', seed: false, ...CREATE_DEFAULTS },
  ],
  [['vm', 'exec', 'web-1', '--', 'ls', '-l'], 'vm/exec', { guest: 'web-1', command: ['ls', '-l'] }],
  [['vm', 'exec', 'web-1', '--input', '-', '--', 'cat'], 'vm/exec', { guest: 'web-1', command: ['cat'], input: '-' }],
  [
    ['vm', 'ssh', 'web-1', '--wait', '--user', 'ops', '--', '-p', '22', 'uptime'],
    'guest/ssh',
    { kind: 'qemu', guest: 'web-1', args: ['-p', '22', 'uptime'], user: 'ops', wait: true },
  ],
  [['vm', 'console', 'web-1'], 'guest/console', { kind: 'qemu', guest: 'web-1' }],
  [['vm', 'console', '100', '--serial', 'serial1'], 'guest/console', { kind: 'qemu', guest: '100', serial: 'serial1' }],
];

describe('vm: argv → options', () => {
  it.each<Row>([...guestRows('vm', 'qemu'), ...VM_ONLY])('%j → %s %j', async (args, verb, opts) =>
    expectVerb(args, verb, opts),
  );
});

describe('vm: bad argv exits 2 and runs nothing', () => {
  it.each<BadRow>([
    ...guestBadRows('vm'),
    [['vm', 'create', 'x', '--os', 'debian', '--password-stdin'], /unknown option '--password-stdin'/],
    [['vm', 'create', 'x', '--os', 'debian', '--unprivileged'], /unknown option '--unprivileged'/],
    [['vm', 'console', 'web-1', '--serial', 'com1'], /argument 'com1' is invalid.*serial0, serial1, serial2, serial3/],
    [['vm', 'console'], /missing required argument 'guest'/],
    [['vm', 'console', 'web-1', 'web-2'], /too many arguments/],
  ])('%j → %s', async (args, message) => expectUsageError(args, message, sim));
});
