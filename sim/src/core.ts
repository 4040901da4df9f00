// What every route module gets: the model, the task engine, timers, options and faults.
import type { Faults, RequestLogEntry, SchemaLike, SimClock } from './options.js';
import type { Guest, Identity } from './model/types.js';
import type { Rng } from './model/random.js';
import type { SimState } from './model/state.js';
import type { Timers } from './model/timers.js';
import type { TaskEngine } from './tasks.js';
import { ApiError } from './http.js';

export interface ResolvedOptions {
  nodes: number;
  guests: number;
  taskMs: number;
  agentDelayMs: number;
  schema: SchemaLike | null;
  seed: number;
  authFailDelayMs: number;
}

export interface SimCore {
  opts: ResolvedOptions;
  state: SimState;
  tasks: TaskEngine;
  timers: Timers;
  clock: SimClock;
  rng: Rng;
  faults: Faults;
  requestLog: RequestLogEntry[];
}

// Privileges: '*' grants everything; `VM.Config.*` style entries grant a family (sim convenience).
export function hasPriv(who: Identity, priv: string): boolean {
  if (who.privs === '*') return true;
  return who.privs.some((p) => p === priv || (p.endsWith('.*') && priv.startsWith(p.slice(0, -1))));
}

export function needPriv(who: Identity, path: string, ...privs: string[]): void {
  const missing = privs.filter((p) => !hasPriv(who, p));
  if (missing.length > 0) throw new ApiError(403, `Permission check failed (${path}, ${missing.join('|')})`);
}

// Either of the privileges is enough.
export function needAnyPriv(who: Identity, path: string, ...privs: string[]): void {
  if (!privs.some((p) => hasPriv(who, p))) {
    throw new ApiError(403, `Permission check failed (${path}, ${privs.join('|')})`);
  }
}

export function checkNotLocked(g: Guest, skiplock = false): void {
  if (skiplock) return; // root@pam with a ticket, see Ctx.skiplock()
  const lock = g.config.lock;
  if (lock !== undefined) throw new ApiError(500, `${g.type === 'qemu' ? 'VM' : 'CT'} is locked (${lock})`);
}

export const kind = (g: Guest): string => (g.type === 'qemu' ? 'VM' : 'CT');
