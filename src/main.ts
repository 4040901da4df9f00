// Entry point: builds the program, runs one verb, and maps every error to an exit code.
// This is the only place that decides exit statuses; bin/pvectl.js sets process.exitCode.
import { setMaxListeners } from 'node:events';
import { CommanderError, type Command } from 'commander';
import { createContext, type Clock, type IO, type Prompt } from './context.js';
import { ExitCode, InterruptedError, PvectlError, TaskError, TlsError, exitCodeOf } from './errors.js';
import type { FetchLike } from './api/transport.js';
import { VERSION, buildProgram, globalsOf } from './program.js';
import type { Runner } from './commands/runner.js';

export interface MainDeps {
  io: IO;
  env: Record<string, string | undefined>;
  /** tests: msw-patched fetch instead of the undici transport */
  fetch?: FetchLike;
  prompt?: Prompt;
  signal?: AbortSignal;
  /** tests: a clock whose sleeps (retry backoff, task polling) return at once */
  clock?: Clock;
}

export async function main(argv: string[], deps: MainDeps = processDeps()): Promise<number> {
  const { io } = deps;
  let verbose = argv.includes('-v') || argv.includes('--verbose');
  let command = 'pvectl';
  let code: number = ExitCode.ok;

  const runner: Runner = async (cmd, load, opts) => {
    command = commandPath(cmd);
    const globals = globalsOf(cmd, deps.env, io.stdoutTTY);
    verbose = globals.verbose;
    const { signal, dispose } = interruptSignal(deps.signal);
    const ctx = createContext({ io, env: deps.env, globals, signal, fetch: deps.fetch, prompt: deps.prompt, clock: deps.clock });
    try {
      const verb = await load();
      await verb.run(ctx, opts);
    } catch (err) {
      // Ctrl-C surfaces as whatever the aborted call threw (the signal's reason): exit 130
      if (signal.aborted && !(err instanceof PvectlError)) throw new InterruptedError('interrupted', { cause: err });
      throw err;
    } finally {
      dispose();
      await ctx.close();
    }
  };

  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    io.stdout.write(`${VERSION}\n`); // without building the command tree: start-up is a feature
    return ExitCode.ok;
  }
  const program = await buildProgram(runner, argv);
  configure(program, io);
  if (argv.length === 0) {
    io.stdout.write(program.helpInformation());
    return ExitCode.ok;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    code = report(err, io, verbose, command);
  }
  return code;
}

/** "pvectl vm list": the words the user typed to reach this verb. */
function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function configure(cmd: Command, io: IO): void {
  cmd.exitOverride();
  cmd.configureOutput({
    writeOut: (s) => io.stdout.write(s),
    writeErr: (s) => io.stderr.write(s),
  });
  for (const sub of cmd.commands) configure(sub, io);
}

function report(err: unknown, io: IO, verbose: boolean, command: string): number {
  if (err instanceof CommanderError) {
    // commander has already printed help (--help, `help`), the version, or its own usage message
    return err.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  const lines: string[] = [];
  if (err instanceof PvectlError) {
    lines.push(`Error: ${err.message}`);
  } else {
    // not one of ours: a bare "x is not a function" would not say what failed
    const what = err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err);
    lines.push(`Error: ${command} failed unexpectedly: ${what}`);
  }
  if (err instanceof TaskError && err.logTail.length) {
    lines.push('Task log (last lines):', ...err.logTail.map((l) => `  ${l}`));
  }
  // once: the transport's TLS errors already name it in the message (`region test`'s do not)
  if (err instanceof TlsError && err.fingerprint && !err.message.includes(err.fingerprint)) {
    lines.push(`Server certificate SHA-256 fingerprint: ${err.fingerprint}`);
  }
  if (err instanceof PvectlError && err.hint) lines.push(err.hint);
  if (verbose && err instanceof Error && err.stack) lines.push(err.stack);
  else if (!(err instanceof PvectlError)) lines.push('Run it again with --verbose for the stack trace; if this looks like a bug in pvectl, please report it.');
  io.stderr.write(`${lines.join('\n')}\n`);
  return exitCodeOf(err);
}

/** Ctrl-C aborts the verb's signal; a second Ctrl-C exits at once. */
function interruptSignal(outer?: AbortSignal): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  // every request and wait of a bulk action listens on this signal: --parallel 64 is not a leak
  setMaxListeners(0, controller.signal);
  const onOuter = () => controller.abort(outer?.reason);
  outer?.addEventListener('abort', onOuter, { once: true });
  let count = 0;
  const onSigint = () => {
    count += 1;
    if (count > 1) process.exit(ExitCode.interrupted);
    controller.abort(new Error('interrupted'));
  };
  if (!outer) process.on('SIGINT', onSigint);
  return {
    signal: controller.signal,
    dispose: () => {
      outer?.removeEventListener('abort', onOuter);
      process.off('SIGINT', onSigint);
    },
  };
}

function processDeps(): MainDeps {
  return {
    io: {
      stdout: process.stdout,
      stderr: process.stderr,
      stdin: process.stdin,
      stdoutTTY: process.stdout.isTTY === true,
      stderrTTY: process.stderr.isTTY === true,
      stdinTTY: process.stdin.isTTY === true,
      // a terminal may report 0 columns (e.g. under script(1)): then assume 80
      columns: process.stdout.columns || 80,
    },
    env: process.env,
  };
}
