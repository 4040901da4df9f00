// Checks that an answer has the shape its caller relies on. A 200 with `{"data":null}`, a list
// where an object belongs or an item that is not an object is an error naming the call
// ("unexpected answer from GET /cluster/resources: …", exit 1), never an empty list or a
// "not found" read from nothing. Only what callers use is checked; extra fields are fine.
import { UnexpectedAnswerError } from '../errors.js';
import type { PveClient } from './client.js';

export type Obj = Record<string, unknown>;

export function unexpected(what: string, problem: string): UnexpectedAnswerError {
  return new UnexpectedAnswerError(`unexpected answer from ${what}: ${problem}`, {
    hint: 'The server answered, but not as Proxmox VE does; a proxy or load balancer in the way can cause this.',
  });
}

/** "null", "a string (\"x\")", "a list", "an object": what was there instead. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `a string (${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)})`;
  return typeof v === 'object' ? 'an object' : `a ${typeof v} (${String(v)})`;
}

export function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function expectObject(what: string, data: unknown): Obj {
  if (!isObject(data)) throw unexpected(what, `data is ${describeValue(data)}, expected an object`);
  return data;
}

/** A list whose every item is an object. */
export function expectArray(what: string, data: unknown): Obj[] {
  if (!Array.isArray(data)) throw unexpected(what, `data is ${describeValue(data)}, expected a list`);
  data.forEach((item, i) => {
    if (!isObject(item)) throw unexpected(what, `item ${i} is ${describeValue(item)}, expected an object`);
  });
  return data as Obj[];
}

/** A list that Proxmox sends as null when there is nothing (a stopped container's interfaces). */
export function expectArrayOrNull(what: string, data: unknown): Obj[] {
  return data === null ? [] : expectArray(what, data);
}

/** Fields the caller cannot do without: each must be a string (or a number, for numeric ones). */
export function expectFields(what: string, o: Obj, fields: Record<string, 'string' | 'number'>): void {
  for (const [key, type] of Object.entries(fields)) {
    const v = o[key];
    const ok = type === 'string' ? typeof v === 'string' : typeof v === 'number' || /^\d+$/.test(String(v));
    if (!ok) throw unexpected(what, `"${key}" is ${describeValue(v)}, expected a ${type}`);
  }
}

/**
 * A call that starts a task answers its UPID. Under --dry-run nothing was sent and the client
 * gives null; otherwise null would read as "done at once", so it is an error.
 */
export function expectUpid(client: PveClient, what: string, data: unknown): string | null {
  if (data === null && client.dryRun) return null;
  if (typeof data === 'string' && data.startsWith('UPID:')) return data;
  throw unexpected(what, `data is ${describeValue(data)}, expected a task id (UPID:…)`);
}

/** Writes that answer a UPID on current releases but null on older ones (resize before 8.0). */
export function expectUpidOrNull(what: string, data: unknown): string | null {
  if (data === null || (typeof data === 'string' && data.startsWith('UPID:'))) return data;
  throw unexpected(what, `data is ${describeValue(data)}, expected a task id (UPID:…) or null`);
}
