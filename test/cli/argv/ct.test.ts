// argv → options for every `ct` verb (shared guest verbs: guest-rows.ts); bad argv exits 2 and runs
// nothing. Flags only VMs have are unknown options here; --password-stdin and --unprivileged are ct's.
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

const CREATE_DEFAULTS = { sshKeys: [], tags: [], start: true, rollback: false, passwordStdin: false };

const CT_ONLY: Row[] = [
  [
    ['ct', 'create', 'app-1', '--os', 'debian'],
    'ct/create',
    { name: 'app-1', os: 'debian', unprivileged: true, ...CREATE_DEFAULTS },
  ],
  [
    ['ct', 'create', 'app-1', '--os', 'alpine-3.22', '--unprivileged'],
    'ct/create',
    { name: 'app-1', os: 'alpine-3.22', unprivileged: true, ...CREATE_DEFAULTS },
  ],
  [
    [
      'ct',
      'create',
      'app-2',
      '--os',
      'debian',
      '--no-unprivileged',
      '--password-stdin',
      '--mem',
      '512M',
      '--cores',
      '1',
      '--disk',
      '8',
      '--ip',
      'dhcp',
      '--tag',
      'x',
      '--ssh-key',
      'k.pub',
      '--vmid',
      '300',
      '--no-start',
    ],
    'ct/create',
    {
      name: 'app-2',
      os: 'debian',
      unprivileged: false,
      passwordStdin: true,
      memMiB: 512,
      cores: 1,
      diskGiB: 8,
      ip: 'dhcp',
      tags: ['x'],
      sshKeys: ['k.pub'],
      vmid: 300,
      start: false,
      rollback: false,
    },
  ],
  [['ct', 'console', 'dns-1'], 'guest/console', { kind: 'lxc', guest: 'dns-1' }],
];

describe('ct: argv → options', () => {
  it.each<Row>([...guestRows('ct', 'lxc'), ...CT_ONLY])('%j → %s %j', async (args, verb, opts) =>
    expectVerb(args, verb, opts),
  );
});

describe('ct: bad argv exits 2 and runs nothing', () => {
  it.each<BadRow>([
    ...guestBadRows('ct'),
    [['ct', 'migrate', '200', 'pve2', '--with-local-disks'], /unknown option '--with-local-disks'/],
    [['ct', 'snapshot', 'create', '200', 's1', '--vmstate'], /unknown option '--vmstate'/],
    [['ct', 'create', 'x', '--os', 'debian', '--user', 'admin'], /unknown option '--user'/],
    [['ct', 'console', 'dns-1', '--serial', 'serial0'], /unknown option '--serial'/],
  ])('%j → %s', async (args, message) => expectUsageError(args, message, sim));
});
