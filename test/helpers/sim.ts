// The simulator over real HTTPS, and the built pvectl run against it as a separate process:
// what end-to-end tests use. (test/helpers/cli.ts runs pvectl in-process through msw instead.)
import { spawn } from 'node:child_process';
import { request } from 'node:https';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeCertificatesAsync, type CertificateSet } from '../../sim/src/cert.js';
import type { RequestLogEntry, SimOptions } from '../../sim/src/index.js';
import { findSchemaFile, loadSchema } from '../../sim/src/schema/index.js';
import { startSimServer, type ServeOptions, type SimServer } from '../../sim/src/server.js';

export type { SimServer } from '../../sim/src/server.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

let schemaCache: ReturnType<typeof loadSchema> | undefined;

/** The official schema from ../shared (or $PVESIM_SCHEMA), parsed once per test file; null when absent. */
export function officialSchema(): ReturnType<typeof loadSchema> {
  schemaCache ??= loadSchema(findSchemaFile());
  return schemaCache;
}

// Two RSA keys per simulator cost ~0.3 s of CPU, for ~40 simulators a run. A test process keeps
// the certificates of closed simulators and gives them to the next one: simulators open at the same
// time still have certificates of their own (a CA of one never vouches for another's leaf).
const spareCertificates: CertificateSet[] = [];

/**
 * Starts the simulator on https://127.0.0.1:<free port> with fast tasks (20 ms) and the official
 * schema when present. Close it with `await sim.close()` (afterAll/afterEach). Without
 * `certificates`, it may get those of a simulator closed earlier in this process.
 */
export async function startSim(opts: SimOptions & ServeOptions = {}): Promise<SimServer> {
  const taskMs = opts.taskMs ?? 20;
  const pooled = opts.host === undefined && opts.certificates === undefined;
  const certificates =
    opts.certificates ?? (pooled ? (spareCertificates.shift() ?? (await makeCertificatesAsync())) : undefined);
  const server = await startSimServer({
    schema: officialSchema(),
    ...opts,
    certificates,
    taskMs,
    agentDelayMs: opts.agentDelayMs ?? taskMs,
  });
  if (!pooled) return server;
  const close = server.close.bind(server);
  let spare = true;
  server.close = async () => {
    await close();
    if (spare) spareCertificates.push(certificates!); // once, even if closed twice
    spare = false;
  };
  return server;
}

export interface RunCliOptions {
  /** added to (or, with undefined, removed from) the child's environment, after the sim's */
  env?: Record<string, string | undefined>;
  /** written to stdin, which is then closed (stdin is never a TTY here) */
  input?: string;
  /** sets PVECTL_URL, PVECTL_TOKEN and PVECTL_FINGERPRINT from it */
  sim?: Pick<SimServer, 'url' | 'token' | 'fingerprint'>;
  /** the child is killed and the call fails after this long; default 20 s */
  timeoutMs?: number;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI (`node bin/pvectl.js …args`, needs `npm run build`) with NO_COLOR=1 and a
 * fresh PVECTL_CONFIG_DIR (removed afterwards unless `env` names one). Inherited PVECTL_*
 * variables are dropped so a developer's own settings cannot leak into a test.
 */
export async function runCli(args: string[], opts: RunCliOptions = {}): Promise<CliResult> {
  if (!existsSync(join(repoRoot, 'dist/pvectl.js')))
    throw new Error('dist/pvectl.js is missing: run `npm run build` first');
  const env: Record<string, string | undefined> = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('PVECTL_') && k !== 'FORCE_COLOR'),
  );
  const ownConfigDir = opts.env?.PVECTL_CONFIG_DIR === undefined;
  const configDir = ownConfigDir ? mkdtempSync(join(tmpdir(), 'pvectl-e2e-')) : opts.env!.PVECTL_CONFIG_DIR!;
  Object.assign(env, { NO_COLOR: '1', PVECTL_CONFIG_DIR: configDir });
  if (opts.sim) {
    Object.assign(env, {
      PVECTL_URL: opts.sim.url,
      PVECTL_TOKEN: opts.sim.token,
      PVECTL_FINGERPRINT: opts.sim.fingerprint,
    });
  }
  Object.assign(env, opts.env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];

  const child = spawn(process.execPath, [join(repoRoot, 'bin/pvectl.js'), ...args], {
    cwd: repoRoot,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  child.stdin.on('error', () => {}); // the CLI may exit without reading its input
  child.stdin.end(opts.input ?? '');
  const timeoutMs = opts.timeoutMs ?? 20_000;
  try {
    return await new Promise<CliResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(
          new Error(
            `pvectl ${args.join(' ')} did not finish within ${timeoutMs} ms\n` +
              `--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`,
          ),
        );
      }, timeoutMs);
      child.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        resolve({ code: code ?? 128 + (signal ? constants.signals[signal] : 0), stdout, stderr });
      });
    });
  } finally {
    if (ownConfigDir) rmSync(configDir, { recursive: true, force: true });
  }
}

/**
 * Fails, listing each one, if any request the simulator saw broke the official schema. When the
 * schema is absent nothing is checked (the global setup says so once for the whole run).
 */
export function expectNoSchemaViolations(target: SimServer | { requestLog: RequestLogEntry[] }): void {
  const log = 'requestLog' in target ? target.requestLog : target.sim.requestLog;
  const violations = log
    .filter((entry) => entry.violation !== undefined)
    .map((e) => `${e.method} ${e.path} ${JSON.stringify(e.params)} -> ${e.status}: ${e.violation}`);
  if (violations.length > 0) {
    throw new Error(`${violations.length} request(s) broke the Proxmox VE API schema:\n  ${violations.join('\n  ')}`);
  }
}

/** GET of an API path with the simulator's token, as raw bytes (no decoding), Accept-Encoding as given. */
export function rawGet(
  sim: SimServer,
  path: string,
  acceptEncoding?: string,
): Promise<{ encoding?: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `PVEAPIToken=${sim.token}` };
    if (acceptEncoding) headers['accept-encoding'] = acceptEncoding;
    const req = request(`${sim.url}/api2/json${path}`, { ca: sim.caPem, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}
