// argv → options for the day-two verbs (issue 11): set, template, backup, storage, stats, --watch;
// bad argv exits 2 and runs nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcessSim, type InProcessSim } from '../../helpers/cli.js';
import { expectUsageError, expectVerb, parseOne } from './harness.js';

let sim: InProcessSim;
beforeAll(() => {
  sim = startInProcessSim();
});
afterAll(() => sim.close());

type Row = [string[], string, object];
const SET = { tags: [], untags: [] };

const ROWS: Row[] = [
  [['vm', 'set', '100', '--onboot'], 'guest/set', { kind: 'qemu', guest: '100', onboot: true, ...SET }],
  [
    ['vm', 'set', 'web-1', '--no-onboot', '--no-protection', '--no-agent', '--cpu-type', 'host', '--mem', '2G'],
    'guest/set',
    {
      kind: 'qemu',
      guest: 'web-1',
      onboot: false,
      protection: false,
      agent: false,
      cpuType: 'host',
      memMiB: 2048,
      ...SET,
    },
  ],
  [
    ['ct', 'set', '200', '--name', 'dns-2', '--description', 'x', '--tag', 'a', '--tag', 'b', '--untag', 'c'].concat([
      '--cores',
      '2',
      '--net-bridge',
      'vmbr1',
      '--net-vlan',
      '20',
      '--startup',
      '3',
      '--protection',
    ]),
    'guest/set',
    {
      kind: 'lxc',
      guest: '200',
      name: 'dns-2',
      description: 'x',
      tags: ['a', 'b'],
      untags: ['c'],
      cores: 2,
      netBridge: 'vmbr1',
      netVlan: 20,
      startup: 'order=3',
      protection: true,
    },
  ],
  [
    ['vm', 'set', '100', '--startup', 'order=1,up=30'],
    'guest/set',
    { kind: 'qemu', guest: '100', startup: 'order=1,up=30', ...SET },
  ],
  [['vm', 'template', 'db-1'], 'guest/template', { kind: 'qemu', guest: 'db-1' }],
  [['ct', 'template', '201'], 'guest/template', { kind: 'lxc', guest: '201' }],
  [
    ['vm', 'backup', '100', 'web-2', '--storage', 'pbs', '--mode', 'stop', '--compress', 'none'].concat([
      '--notes',
      '{{guestname}}',
      '--protected',
    ]),
    'guest/backup',
    {
      kind: 'qemu',
      refs: ['100', 'web-2'],
      all: false,
      tags: [],
      storage: 'pbs',
      mode: 'stop',
      compress: 'none',
      notes: '{{guestname}}',
      protected: true,
    },
  ],
  [
    ['ct', 'backup', '--all', '--node', 'pve2'],
    'guest/backup',
    { kind: 'lxc', refs: [], all: true, tags: [], node: 'pve2', protected: false },
  ],
  [['backup', 'list'], 'backup/list', {}],
  [
    ['backup', 'ls', '--guest', 'web-1', '--storage', 'local', '--node', 'pve1'],
    'backup/list',
    { guest: 'web-1', storage: 'local', node: 'pve1' },
  ],
  [
    ['backup', 'restore', 'local:backup/x.vma'],
    'backup/restore',
    { backup: 'local:backup/x.vma', start: false, force: false },
  ],
  [
    [
      'backup',
      'restore',
      'b',
      '--name',
      'n',
      '--vmid',
      '150',
      '--node',
      'pve2',
      '--storage',
      's',
      '--start',
      '--force',
    ],
    'backup/restore',
    { backup: 'b', name: 'n', vmid: 150, node: 'pve2', storage: 's', start: true, force: true },
  ],
  [['backup', 'rm', 'a', 'b'], 'backup/delete', { backups: ['a', 'b'] }],
  [['storage', 'list'], 'storage/list', {}],
  [['vm', 'stats', 'web-1'], 'guest/stats', { kind: 'qemu', guest: 'web-1', since: 'hour' }],
  [['ct', 'stats', '200', '--since', 'year'], 'guest/stats', { kind: 'lxc', guest: '200', since: 'year' }],
  [['node', 'stats', 'pve1', '--since', 'day'], 'node/stats', { node: 'pve1', since: 'day' }],
  [['storage', 'ls', '--node', 'pve2'], 'storage/list', { node: 'pve2' }],
  [['storage', 'show', 'local'], 'storage/show', { storage: 'local' }],
  [['storage', 'content', 'local'], 'storage/content', { storage: 'local' }],
  [
    ['storage', 'content', 'local', '--node', 'pve1', '--content', 'backup'],
    'storage/content',
    { storage: 'local', node: 'pve1', content: 'backup' },
  ],
];

const BAD: [string[], RegExp][] = [
  [['vm', 'set'], /missing required argument 'guest'/],
  [['vm', 'set', '100', '--cores', '0'], /--cores: "0" must be a whole number from 1 to 8192/],
  [['vm', 'set', '100', '--net-vlan', '4095'], /--net-vlan: "4095" must be a whole number from 1 to 4094/],
  [['vm', 'set', '100', '--net-bridge', '0bad'], /--net-bridge: "0bad" is not a bridge name/],
  [['vm', 'set', '100', '--cpu-type', 'a b'], /--cpu-type: "a b" is not a CPU type/],
  [['vm', 'set', '100', '--startup', 'order=x'], /--startup: "order=x" is not a start order/],
  [['vm', 'set', '100', '--untag', 'a;b'], /--untag: "a;b" is not a valid tag/],
  [['ct', 'set', '200', '--agent'], /unknown option '--agent'/],
  [['vm', 'template'], /missing required argument 'guest'/],
  [['vm', 'template', '100', '101'], /too many arguments/],
  [['vm', 'backup', '100', '--mode', 'pause'], /--mode: "pause" is not one of snapshot, suspend, stop/],
  [['vm', 'backup', '100', '--compress', 'xz'], /--compress: "xz" is not one of zstd, lzo, gzip, none/],
  [['backup', 'restore'], /missing required argument 'backup'/],
  [['backup', 'restore', 'b', '--vmid', '0'], /--vmid 0: VMIDs start at 100/],
  [['backup', 'delete'], /missing required argument 'backups'/],
  [['backup', 'list', 'x'], /too many arguments/],
  [['storage', 'show'], /missing required argument 'storage'/],
  [['vm', 'stats', '100', '--since', 'decade'], /--since: "decade" is not one of hour, day, week, month, year/],
  [['node', 'stats'], /missing required argument 'node'/],
  [['vm', 'list', '--watch', 'often'], /--watch: "often"/],
  [['task', 'list', '--watch', '0s'], /--watch/],
  [['storage', 'content', 'local', '--content', 'disks'], /--content: "disks" is not one of iso, vztmpl, backup/],
  [['storage', 'list', '--all'], /unknown option '--all'/],
];

describe('day two: argv → options', () => {
  it.each<Row>(ROWS)('%j → %s %j', async (args, verb, opts) => expectVerb(args, verb, opts));
});

// --watch wraps the list verb in a loop: the wrapped module, the interval, and the verb's own options
const WATCH: [string[], string, number, object][] = [
  [['vm', 'list', '--watch'], 'guest/list', 2000, { kind: 'qemu', tags: [] }],
  [['ct', 'ls', '--watch', '10s', '--node', 'pve1'], 'guest/list', 10_000, { kind: 'lxc', tags: [], node: 'pve1' }],
  [['node', 'list', '--watch', '1m'], 'node/list', 60_000, {}],
  [['task', 'list', '--watch'], 'task/list', 2000, { running: false, limit: 50 }],
];

describe('day two: --watch argv → the watched verb', () => {
  it.each(WATCH)('%j → %s every %i ms %j', async (args, verb, ms, opts) => {
    const call = await parseOne(args);
    const file = new URL(`../../../src/commands/${verb}.ts`, import.meta.url).pathname;
    expect(call.verb).toMatchObject({ watched: await import(/* @vite-ignore */ file), intervalMs: ms });
    expect(call.opts).toEqual(opts);
  });
});

describe('day two: bad argv exits 2 and runs nothing', () => {
  it.each<[string[], RegExp]>(BAD)('%j → %s', async (args, message) => expectUsageError(args, message, sim));
});
