// pvesim core: a stateful Proxmox VE 9 API as msw request handlers (see docs/DESIGN.md).
import type { RequestHandler } from 'msw';
import type { Faults, RequestLogEntry, SimOptions } from './options.js';
import type { ResolvedOptions, SimCore } from './core.js';
import type { SimState } from './model/state.js';
import { createRng } from './model/random.js';
import { Timers } from './model/timers.js';
import { realSimClock } from './clock.js';
import { TaskEngine } from './tasks.js';
import { seedState } from './seed.js';
import { authGate, faultGate, notImplemented, schemaGate } from './gates.js';
import { allRoutes } from './routes/index.js';
import { attachConsole, type ConsoleSocket } from './console/connection.js';
import { consoleSessions } from './console/sessions.js';

export type { Faults, RequestLogEntry, SchemaLike, SimClock, SimOptions, SimToken } from './options.js';
export type { SimState } from './model/state.js';
export type { TaskEngine, Task } from './tasks.js';

export interface Simulator {
  handlers: RequestHandler[];
  token: string; // "user@realm!name=secret" of the default (first) token
  faults: Faults;
  setNodeOnline(node: string, online: boolean): void;
  // The SHA-256 fingerprint (AA:BB:…) of the certificate served; /nodes reports it as every node's
  // ssl_fingerprint (one certificate for the whole simulated cluster). serveSimulator calls this.
  setCertificateFingerprint(fingerprint: string): void;
  requestLog: RequestLogEntry[];
  // the bytes of an uploaded file (GET /_sim/volumes/{storage}/{volume}), on whichever node
  volumeData(volid: string): Buffer | undefined;
  // joins a WebSocket that vncwebsocket let through to the console session on port (server.ts)
  openConsole(port: number, sock: ConsoleSocket): boolean;
  state: SimState;
  tasks: TaskEngine;
  options: Readonly<ResolvedOptions>;
  warnings: string[]; // said once, e.g. that requests are not schema-checked
  close(): void;
}

export function createSimulator(opts: SimOptions = {}): Simulator {
  const taskMs = opts.taskMs ?? 300;
  const resolved: ResolvedOptions = {
    nodes: opts.nodes ?? 3,
    guests: opts.guests ?? 0,
    taskMs,
    agentDelayMs: opts.agentDelayMs ?? taskMs,
    schema: opts.schema ?? null,
    seed: opts.seed ?? 1,
    authFailDelayMs: opts.authFailDelayMs ?? 0,
  };
  const clock = opts.clock ?? realSimClock;
  const rng = createRng(resolved.seed);
  const state = seedState(rng, {
    nodes: resolved.nodes,
    guests: resolved.guests,
    tokens: opts.tokens,
    rootPassword: opts.rootPassword ?? 'pvesim',
    now: () => clock.now(),
  });
  const timers = new Timers(clock, () => state.touch());
  const bootTime = (node: string) => state.nodes.get(node)?.bootedAt ?? clock.now();
  const tasks = new TaskEngine(timers, rng, taskMs, bootTime, () => clock.now());
  const faults: Faults = {
    latencyMs: 0,
    errorRate: 0,
    dropRate: 0,
    loseResponseAfterWrite: 0,
    staleNextId: 0,
    packageMirrorDown: 0,
  };
  const requestLog: RequestLogEntry[] = [];
  const core: SimCore = { opts: resolved, state, tasks, timers, clock, rng, faults, requestLog };
  const warnings: string[] = [];
  if (!resolved.schema) {
    warnings.push('pvesim: no API schema loaded (apidoc.json not found) - requests are NOT checked against the schema');
  }
  const first = state.tokens.values().next().value;
  return {
    handlers: [faultGate(core), authGate(core), schemaGate(core), ...allRoutes(core), notImplemented()],
    token: first ? `${first.id}=${first.secret}` : '',
    faults,
    setNodeOnline(node, online) {
      state.node(node).online = online;
      state.touch();
    },
    setCertificateFingerprint(fingerprint) {
      for (const n of state.nodes.values()) n.sslFingerprint = fingerprint;
      state.touch();
    },
    requestLog,
    volumeData(volid) {
      for (const v of state.volumesWhere((x) => x.volid === volid)) if (v.data) return v.data;
      return undefined;
    },
    openConsole(port, sock) {
      const session = consoleSessions(core).get(port);
      if (session) attachConsole(core, session, sock);
      return session !== undefined;
    },
    // whoever takes the state from outside (tests) may change it: cached answers are dropped
    get state() {
      state.touch();
      return state;
    },
    tasks,
    options: resolved,
    warnings,
    close() {
      timers.clear();
    },
  };
}
