// Every verb's --help ends with an "Examples:" section, and every pvectl command shown there is
// real: it goes through the parser (main() with a recording runner) to exactly one verb, exit 0.
// At least one example of each section runs the verb whose help it is.
import { describe, expect, it } from 'vitest';
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { buildProgram } from '../../src/program.js';
import type { Runner } from '../../src/commands/runner.js';
import { parse } from './argv/harness.js';

const NOUNS = ['region', 'node', 'vm', 'ct', 'os', 'cost', 'task', 'api', 'completion', 'backup', 'storage'];

/** The commands users run (those with an action), as word paths: ['vm', 'snapshot', 'create']. */
async function verbPaths(noun: string): Promise<string[][]> {
  const noop: Runner = async () => {};
  const program = await buildProgram(noop, [noun]);
  const out: string[][] = [];
  const walk = (cmd: CommandUnknownOpts, path: string[]) => {
    // commander keeps the action as a private field; a command with subcommands only is a group
    if (cmd.commands.length === 0) out.push(path);
    for (const sub of cmd.commands) walk(sub, [...path, sub.name()]);
  };
  walk(
    program.commands.find((c) => c.name() === noun)!,
    [noun],
  );
  return out;
}

/** Shell words of a line, with |, >, <, <(, ) as words of their own when not quoted. */
function words(line: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(<\(|[|<>)])|([^\s'"|<>)]+)/g;
  let word: string | null = null;
  let last = 0;
  for (const m of line.matchAll(re)) {
    const gap = /\s/.test(line.slice(last, m.index)) || m[3] !== undefined;
    if ((gap || m[3] !== undefined) && word !== null) (out.push(word), (word = null));
    if (m[3] !== undefined) out.push(m[3]);
    else word = (word ?? '') + (m[1] ?? m[2] ?? m[4]);
    last = m.index + m[0].length;
  }
  if (word !== null) out.push(word);
  return out;
}

/** The pvectl invocations of an example line: argv after "pvectl", up to a shell operator. */
function invocations(line: string): string[][] {
  const w = words(line);
  const calls: string[][] = [];
  w.forEach((word, i) => {
    if (word !== 'pvectl') return;
    const end = w.findIndex((x, j) => j > i && ['|', '>', '<', ')', '<('].includes(x));
    calls.push(w.slice(i + 1, end < 0 ? undefined : end));
  });
  return calls;
}

/** The lines of the Examples section, comments dropped, "\"-continued lines joined. */
function exampleLines(help: string): string[] {
  const at = help.indexOf('\nExamples:\n');
  if (at < 0) return [];
  const body = help
    .slice(at + '\nExamples:\n'.length)
    .split('\n')
    .filter((l) => l.startsWith('  '));
  return body
    .map((l) => l.trim())
    .filter((l) => !l.startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n');
}

describe('Examples in --help', () => {
  it('the line splitter knows quotes and shell operators', () => {
    expect(invocations(`cat s | pvectl region add x --token-id 'a@b!c' > out`)).toEqual([
      ['region', 'add', 'x', '--token-id', 'a@b!c'],
    ]);
    expect(invocations('source <(pvectl completion bash)')).toEqual([['completion', 'bash']]);
    expect(invocations(`pvectl vm list -o id | pvectl vm reboot -`)).toEqual([
      ['vm', 'list', '-o', 'id'],
      ['vm', 'reboot', '-'],
    ]);
  });

  for (const noun of NOUNS) {
    it(`${noun}: every verb has examples, each parses to one verb, one runs the verb itself`, async () => {
      const paths = await verbPaths(noun);
      expect(paths.length).toBeGreaterThan(0);
      for (const path of paths) {
        const help = await parse([...path, '--help']);
        expect(help.code).toBe(0);
        const lines = exampleLines(help.stdout);
        expect(lines, `${path.join(' ')} --help has examples`).not.toEqual([]);
        const commands: string[] = [];
        for (const line of lines) {
          const calls = invocations(line);
          expect(calls, `"${line}" runs pvectl`).not.toEqual([]);
          for (const argv of calls) {
            const r = await parse(argv);
            expect({ argv, code: r.code, stderr: r.stderr, calls: r.calls.length }).toEqual({
              argv,
              code: 0,
              stderr: '',
              calls: 1,
            });
            commands.push(r.calls[0]!.command);
          }
        }
        expect(commands).toContain(['pvectl', ...path].join(' '));
      }
    });
  }
});
