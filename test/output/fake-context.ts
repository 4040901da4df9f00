// A real Context over string streams, for printer tests: pick -o, --columns, --no-headers, TTY
// and colour the way the program would.
import { PassThrough } from 'node:stream';
import { createContext, type GlobalOptions, type OutputFormat } from '../../src/context.js';

export interface FakeOptions {
  output?: OutputFormat;
  columns?: string[];
  headers?: boolean;
  tty?: boolean;
  color?: boolean;
  width?: number;
  quiet?: boolean;
}

export function fakeContext(o: FakeOptions = {}) {
  const out = { stdout: '', stderr: '' };
  const tty = o.tty === true;
  const globals: GlobalOptions = {
    output: o.output ?? 'table',
    columns: o.columns,
    headers: o.headers ?? true,
    quiet: o.quiet === true,
    verbose: false,
    dryRun: false,
    wait: true,
    yes: false,
    color: o.color ?? tty,
  };
  const ctx = createContext({
    io: {
      stdout: { write: (s: string) => (out.stdout += s) },
      stderr: { write: (s: string) => (out.stderr += s) },
      stdin: new PassThrough(),
      stdoutTTY: tty,
      stderrTTY: tty,
      stdinTTY: tty,
      columns: o.width ?? 80,
    },
    env: {},
    globals,
  });
  return { ctx, out };
}
