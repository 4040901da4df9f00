// Runs pvectl in-process against the simulator through msw (the client's injected fetch is the
// msw-patched global fetch), capturing stdout/stderr exactly, as a TTY or not. Both run on a
// virtual clock (./virtual-clock.ts) while an in-process simulator is open: no test waits for real.
import { PassThrough } from 'node:stream';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupServer } from 'msw/node';
import { main } from '../../src/main.js';
import type { Clock, Prompt, WebFetch } from '../../src/context.js';
import type { FetchLike } from '../../src/api/transport.js';
import { createSimulator, type SimOptions, type Simulator } from '../../sim/src/index.js';
import { findSchemaFile, loadSchema } from '../../sim/src/schema/index.js';
import { VirtualClock } from './virtual-clock.js';

export const SIM_URL = 'https://pve.test:8006';

export interface InProcessSim {
  sim: Simulator;
  server: ReturnType<typeof setupServer>;
  env: Record<string, string>;
  /** the virtual clock of the simulator and of run() (undefined with realTime) */
  clock: VirtualClock | undefined;
  close(): void;
}

export interface InProcessSimOptions extends SimOptions {
  /** the real clock for the simulator and run(), for a test that needs real time */
  realTime?: boolean;
}

// The clock shared by the in-process simulators open at a time (a test may run two regions) and by
// run(); a new one once they are all closed.
let shared: { clock: VirtualClock; open: number } | undefined;

/** the virtual clock run() uses now, if an in-process simulator is open */
export function activeClock(): VirtualClock | undefined {
  return shared?.clock;
}

let schemaCache: ReturnType<typeof loadSchema> | undefined;
export function sharedSchema() {
  schemaCache ??= loadSchema(findSchemaFile());
  return schemaCache;
}

/** Starts a simulator served in-process by msw (call close() in afterAll/afterEach). */
export function startInProcessSim({ realTime = false, ...opts }: InProcessSimOptions = {}): InProcessSim {
  let clock: VirtualClock | undefined;
  if (!realTime) {
    shared ??= { clock: new VirtualClock(), open: 0 };
    shared.open++;
    clock = shared.clock;
  }
  const sim = createSimulator({
    taskMs: 20,
    agentDelayMs: 20,
    schema: sharedSchema(),
    seed: 1,
    ...(clock ? { clock: clock.forSimulator() } : {}),
    ...opts,
  });
  const server = setupServer(...sim.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  const env = {
    PVECTL_URL: SIM_URL,
    PVECTL_TOKEN: sim.token,
    PVECTL_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'pvectl-test-')),
    NO_COLOR: '1',
  };
  let closed = false;
  return {
    sim,
    server,
    env,
    clock,
    close() {
      if (closed) return;
      closed = true;
      server.close();
      sim.close();
      rmSync(env.PVECTL_CONFIG_DIR, { recursive: true, force: true });
      if (clock && shared?.clock === clock && --shared.open === 0) shared = undefined;
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
  /** default: the open in-process simulator's virtual clock (the real one with realTransport) */
  clock?: Clock;
  /** answers vendor checksum lists (default: the msw-patched global fetch) */
  webFetch?: WebFetch;
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
  const virtual = opts.realTransport ? undefined : activeClock();
  const clock = opts.clock ?? virtual;
  // time stands still while msw answers a request (see VirtualClock.track)
  const inFlight = <T>(p: Promise<T>) => (virtual ? virtual.track(p) : p);
  const fetchViaMsw: FetchLike = (url, init) => inFlight(globalThis.fetch(url, init));
  const webFetch: WebFetch = opts.webFetch ?? ((url, init) => inFlight(globalThis.fetch(url, init)));
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
    clock,
    webFetch,
    prompt: opts.prompt,
    signal: opts.signal ?? new AbortController().signal,
  });
  return { code, stdout, stderr };
}

/** A Ctrl-C after ms on the simulator's clock (virtual unless it was started with realTime). */
export function ctrlCAfter(s: InProcessSim, ms: number): AbortSignal {
  const ac = new AbortController();
  const press = () => ac.abort(new Error('interrupted'));
  if (s.clock) s.clock.timer(ms, press);
  else setTimeout(press, ms);
  return ac.signal;
}
