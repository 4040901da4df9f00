// argv → options for every `node` verb; bad argv exits 2 and runs nothing.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startInProcessSim, type InProcessSim } from '../../helpers/cli.js';
import { expectUsageError, expectVerb } from './harness.js';

let sim: InProcessSim;
beforeAll(() => {
  sim = startInProcessSim();
});
afterAll(() => sim.close());

describe('node: argv → options', () => {
  it.each<[string[], string, object]>([
    [['node', 'list'], 'node/list', {}],
    [['node', 'ls', '--status', 'online', '--sort=-cpu'], 'node/list', { status: 'online', sort: '-cpu' }],
    [['-o', 'json', 'node', 'list', '--sort', 'node'], 'node/list', { sort: 'node' }],
    [['node', 'show', 'pve1'], 'node/show', { node: 'pve1' }],
  ])('%j → %s %j', async (args, verb, opts) => expectVerb(args, verb, opts));
});

describe('node: bad argv exits 2 and runs nothing', () => {
  it.each<[string[], RegExp]>([
    [['node', 'show'], /missing required argument 'node'/],
    [['node', 'show', 'pve1', 'pve2'], /too many arguments/],
    [['node', 'list', '--status'], /option '--status <status>' argument missing/],
    [['node', 'list', '--bogus'], /unknown option '--bogus'/],
    [['node', 'reboot'], /unknown command 'reboot'/],
  ])('%j → %s', async (args, message) => expectUsageError(args, message, sim));
});
