// argv → options, as gh tests its commands: main() parses argv exactly as for a user, but the
// runner it is given records what the verb would be run with (its module, its options, the global
// options) instead of running it. Bad argv must exit 2 with its message and run nothing; the same
// argv is then run for real against an in-process simulator, whose request log must hold no write.
import { PassThrough } from 'node:stream';
import { expect } from 'vitest';
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { main } from '../../../src/main.js';
import { globalsOf } from '../../../src/globals.js';
import type { GlobalOptions } from '../../../src/context.js';
import type { Runner } from '../../../src/commands/runner.js';
import { run, type InProcessSim } from '../../helpers/cli.js';

export interface VerbCall {
  /** "pvectl vm list": the command the action belongs to */
  command: string;
  /** the module the runner would import and run */
  verb: unknown;
  /** exactly what run(ctx, opts) would get */
  opts: unknown;
  globals: GlobalOptions;
}

export interface Parsed {
  code: number;
  stdout: string;
  stderr: string;
  calls: VerbCall[];
}

function commandPath(cmd: CommandUnknownOpts): string {
  const names: string[] = [];
  for (let c: CommandUnknownOpts | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Parses argv through main() with a runner that records instead of running. */
export async function parse(args: string[]): Promise<Parsed> {
  const calls: VerbCall[] = [];
  let stdout = '';
  let stderr = '';
  const stdin = new PassThrough();
  stdin.end('');
  const runner: Runner = async (cmd, load, opts) => {
    // what runVerb does before the verb: global options are read (and checked) first
    const globals = globalsOf(cmd, {}, false);
    calls.push({ command: commandPath(cmd), verb: await load(), opts, globals });
  };
  const code = await main(args, {
    io: {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      stdin,
      stdoutTTY: false,
      stderrTTY: false,
      stdinTTY: false,
      columns: 120,
    },
    env: {},
    runner,
    signal: new AbortController().signal,
  });
  return { code, stdout, stderr, calls };
}

/** The one verb call argv makes; exit 0 and nothing printed. */
export async function parseOne(args: string[]): Promise<VerbCall> {
  const r = await parse(args);
  expect({ code: r.code, stderr: r.stderr, stdout: r.stdout, calls: r.calls.length }).toEqual({
    code: 0,
    stderr: '',
    stdout: '',
    calls: 1,
  });
  return r.calls[0]!;
}

/** argv → the verb module (path under src/commands, no extension) and its exact options. */
export async function expectVerb(args: string[], verb: string, opts: object): Promise<void> {
  const call = await parseOne(args);
  const file = new URL(`../../../src/commands/${verb}.ts`, import.meta.url).pathname;
  expect(call.verb).toBe(await import(/* @vite-ignore */ file));
  // toEqual: a key whose value is undefined counts as absent, as it does for the verbs
  expect(call.opts).toEqual(opts);
}

/**
 * Bad argv: exit 2 with the message and no verb run; then, run for real against the simulator,
 * exit 2 again and no write in its request log.
 */
export async function expectUsageError(args: string[], message: RegExp, sim: InProcessSim): Promise<void> {
  const r = await parse(args);
  expect(r.calls).toEqual([]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(message);
  // one error style, whether commander or pvectl found the mistake
  expect(r.stderr).toMatch(/^Error: /);
  expect(r.stdout).toBe('');
  const before = sim.sim.requestLog.length;
  const real = await run(args, { env: sim.env });
  expect(real.code).toBe(2);
  expect(real.stderr).toMatch(message);
  expect(sim.sim.requestLog.slice(before).filter((e) => e.method !== 'GET')).toEqual([]);
}
