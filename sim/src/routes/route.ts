// One msw handler per API route, with Proxmox-style answers and parameter helpers.
import { http, HttpResponse, type RequestHandler } from 'msw';
import type { SimCore } from '../core.js';
import type { Identity } from '../model/types.js';
import { ApiError, apiErrorResponse, okResponse, paramError, readParams, apiPath } from '../http.js';
import { getRequestState, recordStatus } from '../request-state.js';

export class WithExtra {
  constructor(
    readonly data: unknown,
    readonly extra: Record<string, unknown>,
  ) {}
}

export class Ctx {
  constructor(
    readonly core: SimCore,
    readonly request: Request,
    readonly params: Record<string, unknown>,
    readonly path: Record<string, string>,
    readonly who: Identity,
  ) {}

  get state() {
    return this.core.state;
  }

  has(name: string): boolean {
    const v = this.params[name];
    return v !== undefined && v !== null;
  }

  str(name: string): string | undefined {
    const v = this.params[name];
    return v === undefined || v === null ? undefined : String(v);
  }

  need(name: string): string {
    const v = this.str(name);
    if (v === undefined || v === '') paramError({ [name]: 'property is missing and it is not optional' });
    return v as string;
  }

  int(name: string): number | undefined {
    const v = this.str(name);
    if (v === undefined) return undefined;
    if (!/^-?\d+$/.test(v)) paramError({ [name]: `type check ('integer') failed - got '${v}'` });
    return Number(v);
  }

  bool(name: string, dflt = false): boolean {
    const v = this.params[name];
    if (v === undefined || v === null) return dflt;
    if (v === true || v === 1 || v === '1') return true;
    if (v === false || v === 0 || v === '0') return false;
    return paramError({ [name]: `type check ('boolean') failed - got '${String(v)}'` });
  }

  // `skiplock=1` is for root@pam with a ticket only; API tokens (root's too) are refused with a
  // 400 (QUIRKS A2, E4). Returns whether locks are to be ignored.
  skiplock(): boolean {
    const skip = this.bool('skiplock');
    if (skip && this.who.authid !== 'root@pam') paramError({ skiplock: 'Only root may use this option.' });
    return skip;
  }

  node(): string {
    const name = this.path.node ?? '';
    this.core.state.reachableNode(name);
    return name;
  }

  vmid(): number {
    return Number(this.path.vmid);
  }
}

type Fn = (c: Ctx) => unknown;
type Method = 'get' | 'post' | 'put' | 'delete';

// `pure`: the handler changes nothing; any other may, so the state's generation moves before
// and after it (answer-cache.ts).
export function route(core: SimCore, method: Method, path: string, fn: Fn, pure = false): RequestHandler {
  return http[method](`*/api2/json${path}`, async ({ request, params }) => {
    const st = getRequestState(request);
    const all = st?.params ?? (await readParams(request));
    const who = st?.who ?? { user: 'root@pam', authid: 'root@pam', privs: '*', via: 'ticket' as const };
    const pathParams: Record<string, string> = {};
    // msw also names the leading wildcard (the origin) "0": only named placeholders are path params
    for (const [k, v] of Object.entries(params)) if (typeof v === 'string' && !/^\d+$/.test(k)) pathParams[k] = v;
    const c = new Ctx(core, request, { ...all, ...pathParams }, pathParams, who);
    let res: Response;
    if (!pure) core.state.touch();
    try {
      const out = await fn(c);
      if (out instanceof Response) res = out;
      else if (out instanceof WithExtra) res = okResponse(out.data, out.extra);
      else res = okResponse(out);
    } catch (err) {
      if (!(err instanceof ApiError)) console.error(`pvesim: ${method.toUpperCase()} ${apiPath(request)}:`, err);
      res = apiErrorResponse(err);
    } finally {
      if (!pure) core.state.touch();
    }
    if (method !== 'get' && res.status >= 200 && res.status < 300 && core.faults.loseResponseAfterWrite > 0) {
      // the write happened; the client never hears about it (a refused write is answered as usual)
      core.faults.loseResponseAfterWrite--;
      res = HttpResponse.error();
    }
    return recordStatus(request, res);
  });
}
