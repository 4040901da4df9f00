// The argv → options rows of the verbs vm and ct share (src/commands/guest/register*.ts), for one
// noun; vm.test.ts and ct.test.ts add their create verb and the flags only one kind has.
import type { GuestKind } from '../../../src/api/guests.js';

export type Row = [string[], string, object];

const NONE = { all: false, tags: [] };
const POWER = ['start', 'stop', 'shutdown', 'reboot', 'suspend', 'resume'] as const;

export function guestRows(noun: 'vm' | 'ct', kind: GuestKind): Row[] {
  const power: Row[] = POWER.flatMap((action): Row[] => [
    [[noun, action, '100'], 'guest/power', { kind, action, parallel: 8, forceStop: false, refs: ['100'], ...NONE }],
    [
      [noun, action, 'web-1', '200', '-', '--parallel', '256'],
      'guest/power',
      { kind, action, parallel: 256, forceStop: false, refs: ['web-1', '200', '-'], ...NONE },
    ],
    [
      [noun, action, '--all', '--tag', 'a', '--tag', 'b', '--pool', 'p', '--node', 'pve2', '--status', 'running'],
      'guest/power',
      {
        kind,
        action,
        parallel: 8,
        forceStop: false,
        refs: [],
        all: true,
        tags: ['a', 'b'],
        pool: 'p',
        node: 'pve2',
        status: 'running',
      },
    ],
  ]);
  return [
    [[noun, 'list'], 'guest/list', { kind, tags: [] }],
    [
      [
        noun,
        'ls',
        '--node',
        'pve1',
        '--status',
        'stopped',
        '--tag',
        'x',
        '--tag',
        'y',
        '--pool',
        'p',
        '--name',
        'web-*',
        '--sort=-cpu',
      ],
      'guest/list',
      { kind, node: 'pve1', status: 'stopped', tags: ['x', 'y'], pool: 'p', name: 'web-*', sort: '-cpu' },
    ],
    [[noun, 'show', 'web-1'], 'guest/show', { kind, guest: 'web-1' }],
    ...power,
    [
      [noun, 'shutdown', '100', '--force-stop'],
      'guest/power',
      { kind, action: 'shutdown', parallel: 8, forceStop: true, refs: ['100'], ...NONE },
    ],
    [
      [noun, 'delete', '100'],
      'guest/delete',
      { kind, purge: false, force: false, parallel: 4, refs: ['100'], ...NONE },
    ],
    [
      [noun, 'rm', '--tag', 'old', '--purge', '--force', '--parallel', '64'],
      'guest/delete',
      { kind, purge: true, force: true, parallel: 64, refs: [], all: false, tags: ['old'] },
    ],
    [[noun, 'resize', '100'], 'guest/resize', { kind, guest: '100' }],
    [
      [noun, 'resize', 'web-1', '--mem', '2G', '--cores', '4', '--disk', '+10G', '--disk-name', 'scsi1'],
      'guest/resize',
      {
        kind,
        guest: 'web-1',
        memMiB: 2048,
        cores: 4,
        disk: { grow: true, bytes: 10 * 1024 ** 3, param: '+10G' },
        diskName: 'scsi1',
      },
    ],
    [
      [noun, 'resize', '100', '--mem', '512', '--disk', '40'],
      'guest/resize',
      { kind, guest: '100', memMiB: 512, disk: { grow: false, bytes: 40 * 1024 ** 3, param: '40G' } },
    ],
    [[noun, 'ip', 'web-1'], 'guest/ip', { kind, guest: 'web-1' }],
    [
      [noun, 'clone', 'tmpl', 'web-2'],
      'guest/clone',
      { kind, guest: 'tmpl', name: 'web-2', full: false, linked: false, start: false },
    ],
    [
      [noun, 'clone', '9000', 'web-3', '--vmid', '1234', '--full', '--node', 'pve2', '--storage', 'ceph'],
      'guest/clone',
      {
        kind,
        guest: '9000',
        name: 'web-3',
        vmid: 1234,
        full: true,
        linked: false,
        node: 'pve2',
        storage: 'ceph',
        start: false,
      },
    ],
    [
      [noun, 'clone', '9000', 'web-4', '--linked', '--pool', 'lab', '--start'],
      'guest/clone',
      { kind, guest: '9000', name: 'web-4', full: false, linked: true, pool: 'lab', start: true },
    ],
    [
      [noun, 'migrate', '100', 'pve2'],
      'guest/migrate',
      { kind, guest: '100', node: 'pve2', online: false, withLocalDisks: false },
    ],
    [
      [noun, 'migrate', '100', 'pve3', '--online', '--target-storage', 'local-lvm:ceph'],
      'guest/migrate',
      { kind, guest: '100', node: 'pve3', online: true, withLocalDisks: false, targetStorage: 'local-lvm:ceph' },
    ],
    [[noun, 'snapshot', 'list', '100'], 'guest/snapshot-list', { kind, guest: '100' }],
    [[noun, 'snap', 'ls', 'web-1'], 'guest/snapshot-list', { kind, guest: 'web-1' }],
    [
      [noun, 'snapshot', 'create', '100', 'before-upgrade'],
      'guest/snapshot-create',
      { kind, guest: '100', name: 'before-upgrade', vmstate: false },
    ],
    [
      [noun, 'snapshot', 'create', '100', 's1', '--description', 'pre 2.0'],
      'guest/snapshot-create',
      { kind, guest: '100', name: 's1', description: 'pre 2.0', vmstate: false },
    ],
    [[noun, 'snapshot', 'delete', '100', 's1'], 'guest/snapshot-delete', { kind, guest: '100', name: 's1' }],
    [[noun, 'snap', 'rm', '100', 's1'], 'guest/snapshot-delete', { kind, guest: '100', name: 's1' }],
    [
      [noun, 'snapshot', 'rollback', '100', 's1'],
      'guest/snapshot-rollback',
      { kind, guest: '100', name: 's1', start: false },
    ],
    [
      [noun, 'snapshot', 'rollback', '100', 's1', '--start'],
      'guest/snapshot-rollback',
      { kind, guest: '100', name: 's1', start: true },
    ],
  ];
}
