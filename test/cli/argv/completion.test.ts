// argv → options for `completion <shell>`; bad argv exits 2 and runs nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcessSim, type InProcessSim } from '../../helpers/cli.js';
import { expectUsageError, parseOne } from './harness.js';

let sim: InProcessSim;
beforeAll(() => {
  sim = startInProcessSim();
});
afterAll(() => sim.close());

describe('completion: argv → options', () => {
  it.each(['bash', 'zsh', 'fish'])('%s → completion/script', async (shell) => {
    const call = await parseOne(['completion', shell]);
    expect(call.verb).toBe(await import('../../../src/commands/completion/script.js'));
    expect(call.opts).toEqual({ shell });
  });

  it('__complete -- vm st → completion/complete with the words and a tree that holds the vm verbs', async () => {
    const call = await parseOne(['__complete', '--', 'vm', 'st']);
    expect(call.verb).toBe(await import('../../../src/commands/completion/complete.js'));
    expect(call.opts).toEqual({ words: ['vm', 'st'], program: expect.anything() });
    const { program } = call.opts as { program: { name(): string; commands: Array<{ name(): string }> } };
    expect(program.name()).toBe('pvectl');
    // the verbs of the noun being completed are built, so the tree analysed is the real one
    const vm = program.commands.find((c) => c.name() === 'vm') as unknown as { commands: unknown[] };
    expect(vm.commands.length).toBeGreaterThan(10);
  });
});

describe('completion: bad argv exits 2 and runs nothing', () => {
  it.each<[string[], RegExp]>([
    [['completion', 'tcsh'], /shell: "tcsh" is not one of bash, zsh, fish/],
    [['completion'], /missing required argument 'shell'/],
    [['completion', 'bash', 'zsh'], /too many arguments/],
  ])('%j → %s', async (args, message) => expectUsageError(args, message, sim));
});
