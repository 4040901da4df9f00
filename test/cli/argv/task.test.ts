// argv → options for every `task` verb; bad argv exits 2 and runs nothing.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startInProcessSim, type InProcessSim } from '../../helpers/cli.js';
import { expectUsageError, expectVerb } from './harness.js';

let sim: InProcessSim;
beforeAll(() => {
  sim = startInProcessSim();
});
afterAll(() => sim.close());

const UPID = 'UPID:pve1:0000ABCD:00001234:65000000:qmstart:100:root@pam:';
const UPID2 = 'UPID:pve2:0000ABCE:00001235:65000001:vzstart:200:root@pam:';

describe('task: argv → options', () => {
  it.each<[string[], string, object]>([
    [['task', 'list'], 'task/list', { running: false, limit: 50 }],
    [
      ['task', 'ls', '--node', 'pve2', '--running', '--limit', '10000'],
      'task/list',
      { node: 'pve2', running: true, limit: 10_000 },
    ],
    [['task', 'show', UPID], 'task/show', { upid: UPID }],
    [['task', 'wait', UPID], 'task/wait', { upids: [UPID] }],
    [['task', 'wait', UPID, UPID2], 'task/wait', { upids: [UPID, UPID2] }],
    [['task', 'log', UPID], 'task/log', { upid: UPID, follow: false }],
    [['task', 'log', '-f', UPID], 'task/log', { upid: UPID, follow: true }],
    [['task', 'log', UPID, '--follow'], 'task/log', { upid: UPID, follow: true }],
  ])('%j → %s %j', async (args, verb, opts) => expectVerb(args, verb, opts));
});

describe('task: bad argv exits 2 and runs nothing', () => {
  it.each<[string[], RegExp]>([
    [['task', 'list', '--limit', '0'], /--limit: "0" must be a whole number from 1 to 10000/],
    [['task', 'list', '--limit', '10001'], /--limit: "10001" must be a whole number from 1 to 10000/],
    [['task', 'list', '--limit', 'all'], /--limit: "all" must be a whole number/],
    [['task', 'list', 'extra'], /too many arguments/],
    [['task', 'show'], /missing required argument 'upid'/],
    [['task', 'wait'], /missing required argument 'upid'/],
    [['task', 'log'], /missing required argument 'upid'/],
    [['task', 'log', UPID, '--tail'], /unknown option '--tail'/],
    [['task', 'stop', UPID], /unknown command 'stop'/],
  ])('%j → %s', async (args, message) => expectUsageError(args, message, sim));
});
