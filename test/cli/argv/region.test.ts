// argv → options for every `region` verb; bad argv exits 2 and runs nothing. The flag values are
// checked by the verbs (add-options.ts, pricing.ts): here they arrive as typed.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startInProcessSim, type InProcessSim } from '../../helpers/cli.js';
import { expectUsageError, expectVerb } from './harness.js';

let sim: InProcessSim;
beforeAll(() => {
  sim = startInProcessSim();
});
afterAll(() => sim.close());

const URL = 'https://pve1.example.net:8006';
const TOKEN = 'root@pam!pvectl';

describe('region: argv → options', () => {
  it.each<[string[], string, object]>([
    [
      ['region', 'add', 'lab', '--url', URL, '--token-id', TOKEN],
      'region/add',
      { name: 'lab', url: URL, tokenId: TOKEN, verify: true },
    ],
    [
      [
        'region',
        'add',
        'lab',
        '--url',
        URL,
        '--token-id',
        TOKEN,
        '--token-secret-stdin',
        '--node',
        'pve1',
        '--storage',
        'local-lvm',
        '--bridge',
        'vmbr1',
        '--pool',
        'lab',
        '--domain',
        'lab.example.net',
        '--ip-pool',
        '192.0.2.0/24',
        '--gateway',
        '192.0.2.1',
        '--ip-range',
        '192.0.2.100-192.0.2.199',
        '--dns',
        '192.0.2.53',
        '--vmid-range',
        '1000-1999',
        '--connect-timeout',
        '5s',
        '--request-timeout',
        '2m',
        '--use',
        '--no-verify',
      ],
      'region/add',
      {
        name: 'lab',
        url: URL,
        tokenId: TOKEN,
        tokenSecretStdin: true,
        node: 'pve1',
        storage: 'local-lvm',
        bridge: 'vmbr1',
        pool: 'lab',
        domain: 'lab.example.net',
        ipPool: '192.0.2.0/24',
        gateway: '192.0.2.1',
        ipRange: '192.0.2.100-192.0.2.199',
        dns: '192.0.2.53',
        vmidRange: '1000-1999',
        connectTimeout: '5s',
        requestTimeout: '2m',
        use: true,
        verify: false,
      },
    ],
    [['region', 'list'], 'region/list', {}],
    [['region', 'ls'], 'region/list', {}],
    [['region', 'show', 'lab'], 'region/show', { name: 'lab' }],
    [['region', 'use', 'lab'], 'region/use', { name: 'lab' }],
    [['region', 'remove', 'lab'], 'region/remove', { name: 'lab' }],
    [['region', 'rm', 'lab'], 'region/remove', { name: 'lab' }],
    [['region', 'test'], 'region/test', {}],
    [['region', 'test', 'lab'], 'region/test', { name: 'lab' }],
    [['region', 'pricing', 'lab'], 'region/pricing', { name: 'lab' }],
    [
      [
        'region',
        'pricing',
        'lab',
        '--currency',
        'USD',
        '--cpu-hour',
        '0.01',
        '--mem-gib-hour',
        '0.005',
        '--disk-gib-hour',
        '0.0001',
      ],
      'region/pricing',
      { name: 'lab', currency: 'USD', cpuHour: '0.01', memGibHour: '0.005', diskGibHour: '0.0001' },
    ],
    [['region', 'pricing', 'lab', '--clear'], 'region/pricing', { name: 'lab', clear: true }],
    [
      ['region', 'set', 'lab', '--ip-pool', '192.0.2.0/24', '--gateway', '192.0.2.1', '--dns', '192.0.2.53'],
      'region/set',
      { name: 'lab', ipPool: '192.0.2.0/24', gateway: '192.0.2.1', dns: '192.0.2.53', verify: true },
    ],
    [
      ['region', 'set', 'lab', '--url', URL, '--token-id', TOKEN, '--token-secret-stdin', '--repin'],
      'region/set',
      { name: 'lab', url: URL, tokenId: TOKEN, tokenSecretStdin: true, repin: true, verify: true },
    ],
    [
      ['region', 'set', 'lab', '--node', 'pve2', '--vmid-range', '1000-1999', '--connect-timeout', '5s', '--no-verify'],
      'region/set',
      { name: 'lab', node: 'pve2', vmidRange: '1000-1999', connectTimeout: '5s', verify: false },
    ],
  ])('%j → %s %j', async (args, verb, opts) => expectVerb(args, verb, opts));
});

describe('region: bad argv exits 2 and runs nothing', () => {
  it.each<[string[], RegExp]>([
    [['region', 'add', 'lab', '--token-id', TOKEN], /required option '--url <url>' not specified/],
    [['region', 'add', 'lab', '--url', URL], /required option '--token-id <id>' not specified/],
    [['region', 'add', '--url', URL, '--token-id', TOKEN], /missing required argument 'name'/],
    [
      ['region', 'add', 'lab', '--url', URL, '--token-id', TOKEN, '--token-secret', 's'],
      /unknown option '--token-secret'/,
    ],
    [['region', 'show'], /missing required argument 'name'/],
    [['region', 'use'], /missing required argument 'name'/],
    [['region', 'remove'], /missing required argument 'name'/],
    [['region', 'test', 'a', 'b'], /too many arguments/],
    [['region', 'pricing'], /missing required argument 'name'/],
    [['region', 'pricing', 'lab', '--cpu-hour'], /option '--cpu-hour <price>' argument missing/],
    [['region', 'list', 'lab'], /too many arguments/],
    [['region', 'rename', 'a', 'b'], /unknown command 'rename'/],
    [['region', 'set'], /missing required argument 'name'/],
    [['region', 'set', 'lab', '--use'], /unknown option '--use'/],
    [['region', 'set', 'lab', '--pool'], /option '--pool <pool>' argument missing/],
  ])('%j → %s', async (args, message) => expectUsageError(args, message, sim));
});
