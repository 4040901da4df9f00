// Entry point: builds the program and runs one verb. Only what `--help` and `--version` need is
// imported here; running a verb and mapping its errors to exit codes is src/run-verb.ts, loaded
// on demand. bin/pvectl.js sets process.exitCode from what main returns.
import { CommanderError } from 'commander';
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import type { Clock, IO, Prompt, WebFetch } from './context.js';
import type { FetchLike } from './api/transport.js';
import { VERSION, buildProgram } from './program.js';
import type { Runner } from './commands/runner.js';
import type { RunState } from './run-verb.js';

export interface MainDeps {
  io: IO;
  env: Record<string, string | undefined>;
  /** tests: msw-patched fetch instead of the node:https transport */
  fetch?: FetchLike;
  prompt?: Prompt;
  signal?: AbortSignal;
  /** tests: a clock whose sleeps (retry backoff, task polling) return at once */
  clock?: Clock;
  /** tests (argv → options): receives what a verb would be run with, instead of running it */
  runner?: Runner;
  /** tests: answers vendor checksum lists instead of the internet */
  webFetch?: WebFetch;
}

const OK = 0;
const USAGE = 2;
/** 128 + SIGPIPE: what a shell reports for any tool whose reader went away (`seq 1e6 | head -1`). */
export const BROKEN_PIPE = 141;

export async function main(argv: string[], deps: MainDeps = processDeps()): Promise<number> {
  const { io } = deps;
  const state: RunState = { verbose: argv.includes('-v') || argv.includes('--verbose'), command: 'pvectl' };
  const runner: Runner =
    deps.runner ?? (async (cmd, load, opts) => (await import('./run-verb.js')).runVerb(deps, state, cmd, load, opts));

  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    io.stdout.write(`${VERSION}\n`); // without building the command tree: start-up is a feature
    return OK;
  }
  const program = await buildProgram(runner, argv);
  configure(program, io);
  if (argv.length === 0) {
    io.stdout.write(program.helpInformation());
    return OK;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return OK;
  } catch (err) {
    // commander has already printed help (--help, `help`), the version, or its own usage message
    if (err instanceof CommanderError) return err.exitCode === 0 ? OK : USAGE;
    return (await import('./run-verb.js')).report(err, io, state.verbose, state.command);
  }
}

function configure(cmd: CommandUnknownOpts, io: IO): void {
  cmd.exitOverride();
  cmd.configureOutput({
    writeOut: (s) => io.stdout.write(s),
    writeErr: (s) => io.stderr.write(s),
    // one error style: commander's own usage errors read like pvectl's ("Error: …")
    outputError: (s, write) => write(s.replace(/^error: /, 'Error: ')),
  });
  for (const sub of cmd.commands) configure(sub, io);
}

function processDeps(): MainDeps {
  endQuietlyOnBrokenPipe(process.stdout);
  endQuietlyOnBrokenPipe(process.stderr);
  return {
    io: {
      stdout: process.stdout,
      stderr: process.stderr,
      // process.stdin makes its stream when first read (~3 ms): only for the commands that read it
      get stdin() {
        return process.stdin;
      },
      stdoutTTY: process.stdout.isTTY === true,
      stderrTTY: process.stderr.isTTY === true,
      // what process.stdin.isTTY would say (a tty.ReadStream exactly when fd 0 is a terminal), asked
      // only by a command that may prompt: node:tty loads node:net, ~3 ms that help written to a
      // file need not pay (a terminal's or a pipe's stdout stream loads node:net anyway)
      get stdinTTY() {
        return process.getBuiltinModule('node:tty').isatty(0);
      },
      // a terminal may report 0 columns (e.g. under script(1)): then assume 80
      columns: process.stdout.columns || 80,
    },
    env: process.env,
  };
}

/**
 * `pvectl vm list | head -1`: once the reader has closed the pipe nothing more can be delivered, so
 * end at once, with no stack trace, as SIGPIPE ends other tools (Node ignores the signal and
 * reports EPIPE as an 'error' event instead, which unhandled would print a stack trace and exit 1).
 * Proxmox tasks already started keep running, as after Ctrl-C.
 */
function endQuietlyOnBrokenPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(BROKEN_PIPE);
    throw err;
  });
}
