// Runs pvectl in-process against the simulator through msw (the client's injected fetch is the
// msw-patched global fetch), capturing stdout/stderr exactly, as a TTY or not.
import { PassThrough } from 'node:stream';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupServer } from 'msw/node';
import { main } from '../../src/main.js';
import type { Clock, Prompt } from '../../src/context.js';
import type { FetchLike } from '../../src/api/transport.js';
import { createSimulator, type SimOptions, type Simulator } from '../../src/sim/index.js';
import { findSchemaFile, loadSchema } from '../../src/sim/schema/index.js';

export const SIM_URL = 'https://pve.test:8006';

export interface InProcessSim {
  sim: Simulator;
  server: ReturnType<typeof setupServer>;
  env: Record<string, string>;
  close(): void;
}

let schemaCache: ReturnType<typeof loadSchema> | undefined;
export function sharedSchema() {
  schemaCache ??= loadSchema(findSchemaFile());
  return schemaCache;
}

/** Starts a simulator served in-process by msw (call close() in afterAll/afterEach). */
export function startInProcessSim(opts: SimOptions = {}): InProcessSim {
  const sim = createSimulator({ taskMs: 20, agentDelayMs: 20, schema: sharedSchema(), seed: 1, ...opts });
  const server = setupServer(...sim.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  const env = {
    PVECTL_URL: SIM_URL,
    PVECTL_TOKEN: sim.token,
    PVECTL_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'pvectl-test-')),
    NO_COLOR: '1',
  };
  return {
    sim,
    server,
    env,
    close() {
      server.close();
      sim.close();
    },
  };
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  /** pretend stdout/stderr/stdin are terminals */
  tty?: boolean;
  columns?: number;
  stdin?: string;
  prompt?: Prompt;
  signal?: AbortSignal;
  /** the production undici transport instead of msw: for a real HTTPS server (TLS, trust on first use) */
  realTransport?: boolean;
  /** a fetch of the test's own (default: msw's) */
  fetch?: FetchLike;
  /** e.g. a clock whose sleeps return at once (retry backoff, polling) */
  clock?: Clock;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function run(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const stdin = new PassThrough();
  stdin.end(opts.stdin ?? '');
  const tty = opts.tty === true;
  const fetchViaMsw: FetchLike = (url, init) => globalThis.fetch(url, init);
  const code = await main(args, {
    io: {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      stdin,
      stdoutTTY: tty,
      stderrTTY: tty,
      stdinTTY: tty,
      columns: opts.columns ?? 120,
    },
    env: { ...opts.env },
    fetch: opts.realTransport ? undefined : (opts.fetch ?? fetchViaMsw),
    clock: opts.clock,
    prompt: opts.prompt,
    signal: opts.signal ?? new AbortController().signal,
  });
  return { code, stdout, stderr };
}
