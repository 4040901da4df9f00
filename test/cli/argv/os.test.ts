// argv → options for every `os` verb; bad argv exits 2 and runs nothing.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startInProcessSim, type InProcessSim } from '../../helpers/cli.js';
import { expectUsageError, expectVerb } from './harness.js';

let sim: InProcessSim;
beforeAll(() => {
  sim = startInProcessSim();
});
afterAll(() => sim.close());

describe('os: argv → options', () => {
  it.each<[string[], string, object]>([
    [['os', 'list'], 'os/list', {}],
    [['os', 'ls', '--type', 'vm'], 'os/list', { type: 'vm' }],
    [['os', 'list', '--type=ct'], 'os/list', { type: 'ct' }],
  ])('%j → %s %j', async (args, verb, opts) => expectVerb(args, verb, opts));
});

describe('os: bad argv exits 2 and runs nothing', () => {
  it.each<[string[], RegExp]>([
    [['os', 'list', '--type', 'bsd'], /--type: "bsd" is not one of vm, ct/],
    [['os', 'list', '--type', 'VM'], /--type: "VM" is not one of vm, ct/],
    [['os', 'list', '--type'], /option '--type <type>' argument missing/],
    [['os', 'list', 'debian'], /too many arguments/],
    [['os', 'show', 'debian'], /unknown command 'show'/],
  ])('%j → %s', async (args, message) => expectUsageError(args, message, sim));
});
