// `pvectl __complete -- WORD…`: what the completion scripts offer, decided from the command tree.
// The shells themselves are driven in test/e2e/completion-shells.test.ts.
import { handClock } from './hand-clock.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, startInProcessSim, type InProcessSim } from '../../helpers/cli.js';

let s: InProcessSim;
beforeAll(() => {
  s = startInProcessSim();
});
afterAll(() => s.close());

const lines = (stdout: string) => stdout.split('\n').filter(Boolean);

const VM_VERBS =
  'list ls show start stop shutdown reboot suspend resume delete rm resize ip clone migrate snapshot snap ' +
  'set template backup stats ssh console exec create';
const FORMATS = 'table wide json yaml tsv id';

describe('__complete offers what the command tree allows next', () => {
  const cases: Array<[string[], string]> = [
    [[''], 'region node vm ct os cost task backup storage api completion'],
    [['vm', ''], VM_VERBS],
    [['-r', 'home', 'vm', ''], VM_VERBS],
    [['--timeout', '5m', '-q', 'ct', 'snap', ''], 'list ls create delete rm rollback'],
    [['vm', 'st'], 'start stop stats'],
    [['-o', ''], FORMATS],
    [['vm', 'list', '--output', 'y'], 'yaml'],
    [['--output=j'], '--output=json'],
    [['vm', 'list', ''], ''],
    [['vm', 'list', '-o', 'json', ''], ''],
    [['-o', 'json', ''], 'region node vm ct os cost task backup storage api completion'],
    [['vm', 'start', '--status', ''], 'running stopped paused suspended unknown'],
    [['node', 'list', '--status', ''], 'online offline'],
    [['os', 'list', '--type', ''], 'vm ct'],
    [['completion', ''], 'bash zsh fish'],
    [['vm', 'list', '--s'], '--status --sort'],
    [['ct', 'create', 'x', '--vm'], '--vmid'],
    [['vm', 'snapshot', 'create', 'web-1', 'x', '--vm'], '--vmstate'],
    [['vm', 'start', '--dry'], '--dry-run'],
    [['vm', 'console', 'web-1', '--serial', ''], 'serial0 serial1 serial2 serial3'],
    [['frobnicate', ''], ''],
  ];
  it.each(cases)('%j → %s', async (words, expected) => {
    const before = s.sim.requestLog.length;
    // no region anywhere: only what the tree itself knows
    const r = await run(['__complete', '--', ...words], { env: { PVECTL_CONFIG_DIR: s.env.PVECTL_CONFIG_DIR } });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(lines(r.stdout)).toEqual(expected.split(' ').filter(Boolean));
    expect(s.sim.requestLog.length).toBe(before);
  });

  it('is hidden from help, and `completion` still refuses an unknown shell (exit 2)', async () => {
    const help = await run(['--help']);
    expect(help.stdout).toContain('completion');
    expect(help.stdout).not.toContain('__complete');
    const before = s.sim.requestLog.length;
    const bad = await run(['completion', 'tcsh'], { env: s.env });
    expect(bad.code).toBe(2);
    expect(s.sim.requestLog.filter((e, i) => i >= before && e.method !== 'GET')).toEqual([]);
  });
});

describe('live values from the region', () => {
  const complete = (words: string[], env: Record<string, string> = s.env) =>
    run(['__complete', '--', ...words], { env, clock: handClock() });

  it.each([
    [['vm', 'start', ''], 'db-1 debian-12-cloud ha-app web-1 web-2 100 101 102 103 9000'],
    [['vm', 'start', 'web-1', 'w'], 'web-1 web-2'],
    [['ct', 'show', ''], 'cache-1 dns-1 200 201'],
    [['ct', 'snapshot', 'list', 'd'], 'dns-1'],
    [['ct', 'console', 'c'], 'cache-1'],
    [['vm', 'list', '--node', ''], 'pve1 pve2 pve3'],
    [['vm', 'list', '--node=pve'], '--node=pve1 --node=pve2 --node=pve3'],
    [['vm', 'migrate', 'web-1', ''], 'pve1 pve2 pve3'],
    [['node', 'show', ''], 'pve1 pve2 pve3'],
    [['vm', 'create', 'x', '--os', 'deb'], 'debian debian-12 debian-13'],
    [['ct', 'create', 'x', '--os', 'alp'], 'alpine alpine-3.22'],
    [['vm', 'show', 'web-1', ''], ''],
  ])('%j → %s', async (words, expected) => {
    const r = await complete(words);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(lines(r.stdout)).toEqual(expected.split(' ').filter(Boolean));
  });
});
