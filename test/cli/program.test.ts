// argv → behaviour before any I/O: usage errors exit 2 and send nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';

let sim: InProcessSim;
beforeAll(() => {
  sim = startInProcessSim();
});
afterAll(() => sim.close());

describe('global behaviour', () => {
  it('prints the version', async () => {
    const r = await run(['--version']);
    expect(r).toMatchObject({ code: 0, stdout: '0.1.0\n' });
  });

  it('prints help with no arguments and exits 0', async () => {
    const r = await run([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: pvectl');
    for (const noun of ['region', 'node', 'vm', 'ct', 'os', 'task', 'api', 'completion'])
      expect(r.stdout).toContain(noun);
  });

  const usage: Array<[string, string[], RegExp]> = [
    ['unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
    ['unknown verb', ['vm', 'explode'], /unknown command 'explode'/],
    ['unknown flag', ['vm', 'list', '--bogus'], /unknown option '--bogus'/],
    ['bad output format', ['vm', 'list', '-o', 'xml'], /argument 'xml' is invalid/],
    ['bad timeout', ['--timeout', 'soon', 'vm', 'start', '100'], /--timeout: "soon" is not a duration/],
    ['bad memory size', ['vm', 'resize', '100', '--mem', 'lots'], /--mem: "lots" is not a size/],
    ['too little memory', ['vm', 'resize', '100', '--mem', '8M'], /minimum of 16 MiB/],
    [
      'disk below 1G',
      ['vm', 'create', 'x', '--os', 'debian', '--disk', '0.5'],
      /--disk: "0.5" is less than the minimum of 1G/,
    ],
    ['bad cores', ['vm', 'resize', '100', '--cores', '0'], /--cores: "0" must be a whole number/],
    ['bad parallel', ['vm', 'start', '--all', '--parallel', 'many'], /--parallel/],
    ['missing guest', ['vm', 'show'], /missing required argument 'guest'/],
    ['missing --os', ['vm', 'create', 'web-9'], /required option '--os <os>' not specified/],
    ['bad os type', ['os', 'list', '--type', 'bsd'], /--type: "bsd" is not one of vm, ct/],
    ['bad shell', ['completion', 'tcsh'], /shell: "tcsh" is not one of bash, zsh, fish/],
  ];
  it.each(usage)('%s exits 2 and sends nothing', async (_name, args, message) => {
    const before = sim.sim.requestLog.length;
    const r = await run(args, { env: sim.env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
    expect(sim.sim.requestLog.length).toBe(before);
  });

  // the scripts ask `pvectl __complete` on each Tab, which reads the command tree (what they offer
  // in the real shells: test/e2e/completion-shells.test.ts)
  it('prints completion scripts whose candidates come from the command tree', async () => {
    const bash = await run(['completion', 'bash']);
    expect(bash.code).toBe(0);
    expect(bash.stdout).toContain('complete -F _pvectl pvectl');
    expect(bash.stdout).toContain('pvectl __complete -- ');
    const fish = await run(['completion', 'fish']);
    expect(fish.stdout).toContain("complete -c pvectl -f -a '(__pvectl_complete)'");
    const verbs = await run(['__complete', '--', 'vm', 'cr']);
    expect(verbs.stdout).toBe('create\n');
  });
});

describe('which noun gets its verbs built', () => {
  it.each([
    [['vm', 'list'], 'vm'],
    [['-o', 'json', 'ct', 'list'], 'ct'],
    [['--region', 'lab', '--timeout', '5m', 'node', 'show', 'pve1'], 'node'],
    [['--output=json', 'region', 'list'], 'region'],
    [['help', 'task'], 'task'],
    [['-q', '--dry-run', 'vm', 'start', '-'], 'vm'],
    [['--help'], undefined],
    [[], undefined],
  ])('%j → %s', async (argv, noun) => {
    const { nounOf } = await import('../../src/program.js');
    expect(nounOf(argv)).toBe(noun);
  });

  it('nounOf skips the value of every root option that takes one (and of no other)', async () => {
    // bin/pvectl.js lets the help bundle, which has no noun, answer when nounOf finds none
    const { buildProgram } = await import('../../src/program.js');
    const { VALUE_OPTIONS } = await import('../../src/noun-of.js');
    const program = await buildProgram(async () => {});
    const taking = program.options.filter((o) => o.required || o.optional).flatMap((o) => [o.short, o.long]);
    expect([...VALUE_OPTIONS].sort()).toEqual(taking.filter((f) => f !== undefined).sort());
  });

  it('root help lists every noun without building any verb; a noun help lists its verbs', async () => {
    const root = await run(['--help']);
    for (const noun of ['region', 'node', 'vm', 'ct', 'os', 'cost', 'task', 'api', 'completion'])
      expect(root.stdout).toMatch(new RegExp(`\\n  ${noun}\\b`));
    const vm = await run(['help', 'vm']);
    expect(vm.code).toBe(0);
    for (const verb of ['list', 'show', 'create', 'start', 'delete', 'resize', 'ip', 'clone', 'migrate', 'snapshot'])
      expect(vm.stdout).toMatch(new RegExp(`\\n  ${verb}\\b`));
  });
});
