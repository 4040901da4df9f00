// Running one verb and reporting its failure: everything main.ts does once argv names a verb, in
// a module of its own so that `pvectl --help` never loads it (nor the errors, context and config
// code it needs). The error → exit-code map lives here and nowhere else.
import { setMaxListeners } from 'node:events';
import { createContext } from './context.js';
import { ExitCode, InterruptedError, PassedExitCode, PvectlError, TaskError, TlsError, exitCodeOf } from './errors.js';
import { globalsOf } from './globals.js';
import type { MainDeps } from './main.js';
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import type { VerbCommand, VerbModule } from './commands/runner.js';
import { redact } from './output/redact.js';
import { safeMessage } from './output/safe-text.js';

/** What main needs to know afterwards, to report an error the way the user asked. */
export interface RunState {
  verbose: boolean;
  command: string;
}

export async function runVerb<O>(
  deps: MainDeps,
  state: RunState,
  cmd: VerbCommand,
  load: () => Promise<VerbModule<O>>,
  opts: O,
): Promise<void> {
  state.command = commandPath(cmd);
  const globals = globalsOf(cmd, deps.env, deps.io.stdoutTTY);
  state.verbose = globals.verbose;
  const { signal, dispose } = interruptSignal(deps.signal);
  const ctx = createContext({
    io: redacting(deps.io),
    env: deps.env,
    globals,
    signal,
    fetch: deps.fetch,
    prompt: deps.prompt,
    clock: deps.clock,
    webFetch: deps.webFetch,
  });
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
}

/** "pvectl vm list": the words the user typed to reach this verb. */
function commandPath(cmd: VerbCommand): string {
  const names: string[] = [];
  for (let c: CommandUnknownOpts | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

export function report(err: unknown, io: MainDeps['io'], verbose: boolean, command: string): number {
  if (err instanceof PassedExitCode) return err.exitCode;
  const lines: string[] = [];
  if (err instanceof PvectlError) {
    lines.push(`Error: ${err.message}`);
  } else {
    // not one of ours: a bare "x is not a function" would not say what failed
    const what = err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err);
    lines.push(`Error: ${command} failed unexpectedly: ${what}`);
  }
  // a report that wraps a failed task (a create's "exists but did not start") shows its log too
  const task = err instanceof TaskError ? err : (err as { cause?: unknown } | null)?.cause;
  if (task instanceof TaskError && task.logTail.length) {
    lines.push('Task log (last lines):', ...task.logTail.map((l) => `  ${l}`));
  }
  // once: the transport's TLS errors already name it in the message (`region test`'s do not)
  if (err instanceof TlsError && err.fingerprint && !err.message.includes(err.fingerprint)) {
    lines.push(`Server certificate SHA-256 fingerprint: ${err.fingerprint}`);
  }
  if (err instanceof PvectlError && err.hint) lines.push(err.hint);
  if (verbose && err instanceof Error && err.stack) lines.push(err.stack);
  else if (!(err instanceof PvectlError))
    lines.push(
      'Run it again with --verbose for the stack trace; if this looks like a bug in pvectl, please report it.',
    );
  // messages, hints, task logs and stacks quote the server: escaped, and no secret in them
  io.stderr.write(`${safeMessage(lines.join('\n'))}\n`);
  return exitCodeOf(err);
}

/**
 * Whatever a command writes passes here last: a secret in it is masked, whatever text it arrived
 * in (json and yaml included: the contract prints no secret, even where text is otherwise exact).
 */
function redacting(io: MainDeps['io']): MainDeps['io'] {
  // a copy of the descriptors, not a spread, which would read io.stdin and make its stream (~3 ms)
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(io)) as MainDeps['io'];
  return Object.assign(copy, { stdout: redactingWriter(io.stdout), stderr: redactingWriter(io.stderr) });
}

// A proxy, not a new object: readline (prompts) needs the real stream's events and columns.
function redactingWriter<W extends object & { write(chunk: string): unknown }>(stream: W): W {
  const write = (chunk: unknown, ...rest: unknown[]) =>
    (stream.write as (...a: unknown[]) => unknown).call(
      stream,
      typeof chunk === 'string' ? redact(chunk) : chunk,
      ...rest,
    );
  return new Proxy(stream, {
    get(target, prop) {
      if (prop === 'write') return write;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
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
