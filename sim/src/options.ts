// Public option and fault types of the simulator (re-exported by ./index.ts).

import type { ApiSchema } from './schema/index.js';

// Kept as an alias: the core only uses the ApiSchema interface (DESIGN.md).
export type SchemaLike = ApiSchema;

export interface SimToken {
  id: string; // user@realm!name
  secret: string;
  privs?: string[] | '*';
}

/**
 * Where the simulator's time comes from. Default: the real clock (pvesim, e2e). In-process tests pass
 * a virtual clock, so a 20 s task takes no real time. `sleep` is the simulator waiting (fault latency,
 * the delayed 401); `timer` schedules its own work (task ends, HA moves) and, unlike sleep, never
 * makes a virtual clock move on its own.
 */
export interface SimClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** calls fn after ms; the returned function cancels it */
  timer(ms: number, fn: () => void): () => void;
}

export interface SimOptions {
  nodes?: number;
  guests?: number;
  taskMs?: number;
  agentDelayMs?: number;
  schema?: SchemaLike | null;
  tokens?: SimToken[];
  seed?: number;
  rootPassword?: string; // password of root@pam for /access/ticket (default "pvesim")
  authFailDelayMs?: number; // the real server delays 401s by ~3 s; default 0
  clock?: SimClock; // default: the real clock
}

export interface Faults {
  latencyMs: number;
  errorRate: number;
  dropRate: number;
  loseResponseAfterWrite: number;
  staleNextId: number;
  /** 1: guests cannot reach their distribution's package mirror (a seed cannot install the agent) */
  packageMirrorDown?: number;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  params: Record<string, unknown>;
  status: number;
  violation?: string;
}
