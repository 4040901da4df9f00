// The one object commands get: streams and TTY facts, environment, clock, global options,
// the abort signal, and lazy access to regions and API clients. Nothing else reads process.*.
import type { PveClient } from './api/client.js';
import type { FetchLike } from './api/transport.js';
import type { Region } from './config/types.js';
import { safeMessage } from './output/safe-text.js';
import { MiB, readStreamBounded } from './lib/bounded-read.js';

export type OutputFormat = 'table' | 'wide' | 'json' | 'yaml' | 'tsv' | 'id';

export interface GlobalOptions {
  region?: string;
  output: OutputFormat;
  columns?: string[];
  headers: boolean;
  quiet: boolean;
  verbose: boolean;
  dryRun: boolean;
  wait: boolean;
  /** --timeout in milliseconds, when given */
  timeoutMs?: number;
  yes: boolean;
  color: boolean;
  insecure?: boolean;
  caFile?: string;
  fingerprint?: string;
}

export interface Writer {
  write(chunk: string): unknown;
}

export interface IO {
  stdout: Writer;
  stderr: Writer;
  stdin: NodeJS.ReadableStream;
  stdoutTTY: boolean;
  stderrTTY: boolean;
  stdinTTY: boolean;
  /** terminal width of stdout (80 when unknown) */
  columns: number;
}

/** Node's fetch, for plain HTTP(S) outside Proxmox */
export type WebFetch = (url: string, init?: RequestInit) => Promise<Response>;

export interface Clock {
  now(): number;
  /** resolves after ms; rejects with the signal's reason when aborted */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Calls fn after ms (a request's time limit, a spinner frame); the returned function cancels it.
   * Unlike sleep, a test's virtual clock does not move on its own for a timer. It never keeps the
   * process alive. Absent: Node's setTimeout.
   */
  timer?(ms: number, fn: () => void): () => void;
}

export interface Prompt {
  confirm(question: string): Promise<boolean>;
  secret(question: string): Promise<string>;
}

export interface Context {
  io: IO;
  env: Record<string, string | undefined>;
  clock: Clock;
  /** plain HTTP(S) outside Proxmox (vendor checksum lists): the global fetch, or the test's */
  webFetch: WebFetch;
  globals: GlobalOptions;
  /** aborted on Ctrl-C */
  signal: AbortSignal;
  prompt: Prompt;
  readStdin(): Promise<string>;
  /** the single region of this call (flag > env > config) */
  region(): Promise<Region>;
  /** the regions of this call: --region a,b or all fan out */
  regions(): Promise<Region[]>;
  client(region: Region): Promise<PveClient>;
  /** warnings always reach stderr, even with -q */
  warn(message: string): void;
  /** chatter on stderr, silenced by -q */
  info(message: string): void;
  /** release sockets and timers so the process can exit at once */
  close(): Promise<void>;
}

export interface ContextDeps {
  io: IO;
  env: Record<string, string | undefined>;
  globals: GlobalOptions;
  signal?: AbortSignal;
  clock?: Clock;
  prompt?: Prompt;
  /** tests inject msw-patched fetch here; production builds a node:https transport per region */
  fetch?: FetchLike;
  /** tests: answers vendor checksum lists (default: the global fetch, looked up at each call) */
  webFetch?: WebFetch;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
  timer(ms, fn) {
    const t = setTimeout(fn, ms);
    // never what keeps the process alive: a request's socket does that while it is pending
    t.unref?.();
    return () => clearTimeout(t);
  },
};

export function createContext(deps: ContextDeps): Context {
  const clients = new Map<string, Promise<PveClient>>();
  const closers: Array<() => Promise<void>> = [];
  const signal = deps.signal ?? new AbortController().signal;
  const resolveInput = () => ({
    flag: deps.globals.region,
    env: deps.env,
    overrides: {
      fingerprint: deps.globals.fingerprint,
      caFile: deps.globals.caFile,
      insecure: deps.globals.insecure,
    },
    // a configured region ignores PVECTL_URL and friends; the user is told
    warn: (message: string) => ctx.warn(message),
  });

  const ctx: Context = {
    io: deps.io,
    env: deps.env,
    clock: deps.clock ?? systemClock,
    webFetch: deps.webFetch ?? ((url, init) => globalThis.fetch(url, init)),
    globals: deps.globals,
    signal,
    prompt: deps.prompt ?? lazyPrompt(deps.io),
    readStdin: () => readAll(deps.io.stdin),
    async region() {
      const { resolveRegion } = await import('./config/resolve.js');
      return resolveRegion(resolveInput());
    },
    async regions() {
      const { resolveRegions } = await import('./config/resolve.js');
      return resolveRegions(resolveInput());
    },
    client(region) {
      let client = clients.get(region.name);
      if (!client) {
        client = import('./api/connect.js')
          .then(({ connect }) => connect(ctx, region, deps.fetch))
          .then(({ client: c, close }) => {
            closers.push(close);
            return c;
          });
        clients.set(region.name, client);
      }
      return client;
    },
    // messages often quote the cluster (a guest name, an error text): escaped, secrets masked
    warn(message) {
      deps.io.stderr.write(`Warning: ${safeMessage(message)}\n`);
    },
    info(message) {
      if (!deps.globals.quiet) deps.io.stderr.write(`${safeMessage(message)}\n`);
    },
    async close() {
      await Promise.allSettled(closers.map((c) => c()));
    },
  };
  return ctx;
}

function lazyPrompt(io: IO): Prompt {
  return {
    async confirm(question) {
      const { confirm } = await import('./lib/prompt.js');
      return confirm(io, question);
    },
    async secret(question) {
      const { secret } = await import('./lib/prompt.js');
      return secret(io, question);
    },
  };
}

/** Secrets and lists of guests: 1 MiB is plenty, and `< /dev/zero` must not read forever. */
async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  return readStreamBounded(stream, MiB, 'stdin');
}
