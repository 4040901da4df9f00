// argv → options for every `api` verb; bad argv exits 2 and runs nothing.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startInProcessSim, type InProcessSim } from '../../helpers/cli.js';
import { expectUsageError, expectVerb } from './harness.js';

let sim: InProcessSim;
beforeAll(() => {
  sim = startInProcessSim();
});
afterAll(() => sim.close());

describe('api: argv → options', () => {
  it.each<[string[], string, object]>([
    [['api', 'get', '/version'], 'api/call', { method: 'get', path: '/version', data: [] }],
    [
      ['api', 'get', '/cluster/resources', '-d', 'type=vm'],
      'api/call',
      { method: 'get', path: '/cluster/resources', data: ['type=vm'] },
    ],
    [
      ['api', 'post', '/nodes/pve1/qemu/100/status/start', '--data', 'timeout=30', '-d', 'skiplock=1'],
      'api/call',
      { method: 'post', path: '/nodes/pve1/qemu/100/status/start', data: ['timeout=30', 'skiplock=1'] },
    ],
    [
      ['api', 'put', '/nodes/pve1/qemu/100/config', '-d', 'memory=2048'],
      'api/call',
      { method: 'put', path: '/nodes/pve1/qemu/100/config', data: ['memory=2048'] },
    ],
    [['api', 'delete', '/pools/lab'], 'api/call', { method: 'delete', path: '/pools/lab', data: [] }],
  ])('%j → %s %j', async (args, verb, opts) => expectVerb(args, verb, opts));
});

describe('api: bad argv exits 2 and runs nothing', () => {
  it.each<[string[], RegExp]>([
    [['api', 'get'], /missing required argument 'path'/],
    [['api', 'patch', '/x'], /unknown command 'patch'/],
    [['api', 'get', '/x', '-d'], /option '-d, --data <key=value>' argument missing/],
    [['api', 'post', '/x', '/y'], /too many arguments/],
  ])('%j → %s', async (args, message) => expectUsageError(args, message, sim));
});
