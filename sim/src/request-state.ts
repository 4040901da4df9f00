// Per-request facts shared by the gates and the routes (msw passes the same Request to each handler).
import type { RequestLogEntry } from './options.js';
import type { Identity } from './model/types.js';

export interface RequestState {
  entry: RequestLogEntry;
  params: Record<string, unknown>;
  path: string; // API path without /api2/json, decoded
  who?: Identity;
}

const states = new WeakMap<Request, RequestState>();

export function getRequestState(request: Request): RequestState | undefined {
  return states.get(request);
}

export function setRequestState(request: Request, s: RequestState): void {
  states.set(request, s);
}

export function recordStatus(request: Request, res: Response): Response {
  const s = states.get(request);
  if (s) s.entry.status = res.type === 'error' ? 0 : res.status;
  return res;
}
