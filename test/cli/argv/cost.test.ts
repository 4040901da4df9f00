// argv → options for `cost` (a noun that is its own verb); bad argv exits 2 and runs nothing.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startInProcessSim, type InProcessSim } from '../../helpers/cli.js';
import { expectUsageError, expectVerb } from './harness.js';

let sim: InProcessSim;
beforeAll(() => {
  sim = startInProcessSim();
});
afterAll(() => sim.close());

describe('cost: argv → options', () => {
  it.each<[string[], string, object]>([
    [['cost'], 'cost/list', { tags: [] }],
    [
      ['cost', '--tag', 'web', '--tag', 'prod', '--pool', 'p1', '--node', 'pve3', '--type', 'ct', '--sort=-monthly'],
      'cost/list',
      { tags: ['web', 'prod'], pool: 'p1', node: 'pve3', type: 'ct', sort: '-monthly' },
    ],
    [['-r', 'all', 'cost', '--type', 'vm'], 'cost/list', { tags: [], type: 'vm' }],
  ])('%j → %s %j', async (args, verb, opts) => expectVerb(args, verb, opts));
});

describe('cost: bad argv exits 2 and runs nothing', () => {
  it.each<[string[], RegExp]>([
    [['cost', '--type', 'lxc'], /--type: "lxc" is not one of vm, ct/],
    [['cost', '--tag'], /option '--tag <tag>' argument missing/],
    [['cost', '--status', 'running'], /unknown option '--status'/],
  ])('%j → %s', async (args, message) => expectUsageError(args, message, sim));
});
