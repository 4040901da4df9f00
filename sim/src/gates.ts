// Gates run before the routes; each returns undefined to let msw try the next handler.
import { http, HttpResponse, type RequestHandler } from 'msw';
import type { SimCore } from './core.js';
import type { Identity } from './model/types.js';
import { createRng } from './model/random.js';
import { apiErrorResponse, apiPath, bareResponse, errorResponse, rawApiPath, readParams } from './http.js';
import { getRequestState, recordStatus, setRequestState } from './request-state.js';

const ALL = '*/api2/json/*';

export function faultGate(core: SimCore): RequestHandler {
  const rng = createRng(core.opts.seed ^ 0x5eed);
  let errorFlip = 0;
  return http.all(ALL, async ({ request }) => {
    const path = apiPath(request);
    const entry = { method: request.method, path, params: {} as Record<string, unknown>, status: 0 };
    core.requestLog.push(entry);
    let params: Record<string, unknown>;
    try {
      params = await readParams(request);
    } catch (err) {
      setRequestState(request, { entry, params: {}, path });
      return recordStatus(request, apiErrorResponse(err));
    }
    entry.params = params;
    setRequestState(request, { entry, params, path });
    const f = core.faults;
    if (f.latencyMs > 0) await core.clock.sleep(f.latencyMs);
    if (f.dropRate > 0 && rng() < f.dropRate) return recordStatus(request, HttpResponse.error());
    if (f.errorRate > 0 && rng() < f.errorRate) {
      const status = errorFlip++ % 2 === 0 ? 502 : 503;
      const text = status === 502 ? 'Bad Gateway' : 'Service Unavailable';
      return recordStatus(request, errorResponse(status, text));
    }
    return undefined;
  });
}

const TOKEN_RE = /^PVEAPIToken=([^\s!=]+@[^\s!=]+)!([^\s!=]+)=(\S+)$/;

function cookieTicket(request: Request): string | undefined {
  const auth = request.headers.get('authorization') ?? '';
  if (auth.startsWith('PVEAuthCookie=')) return decodeCookie(auth.slice('PVEAuthCookie='.length));
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === 'PVEAuthCookie') return decodeCookie(v.join('='));
  }
  return undefined;
}

function decodeCookie(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

export function authGate(core: SimCore): RequestHandler {
  const deny = async (request: Request, message: string) => {
    if (core.opts.authFailDelayMs > 0) await core.clock.sleep(core.opts.authFailDelayMs);
    // HTTPServer.pm auth_handler dies; AnyEvent.pm answers 401 with the reason and no body
    return recordStatus(request, bareResponse(401, message));
  };
  return http.all(ALL, async ({ request }) => {
    const st = getRequestState(request);
    const path = st?.path ?? apiPath(request);
    if (path === '/access/ticket' || (path === '/access/domains' && request.method === 'GET')) return undefined;
    const auth = request.headers.get('authorization') ?? '';
    let who: Identity | undefined;
    if (auth.startsWith('PVEAPIToken')) {
      const m = TOKEN_RE.exec(auth.trim());
      const tok = m ? core.state.tokens.get(`${m[1]}!${m[2]}`) : undefined;
      if (!m || !tok || tok.secret !== m[3]) return deny(request, 'Authentication failed!');
      who = { user: tok.user, tokenid: m[2], authid: tok.id, privs: tok.privs, via: 'token' };
    } else {
      const ticket = cookieTicket(request);
      if (ticket === undefined) return deny(request, 'No ticket');
      const t = core.state.tickets.get(ticket);
      if (!t || t.expires < core.clock.now()) return deny(request, 'Authentication failed!');
      if (request.method !== 'GET' && request.headers.get('csrfpreventiontoken') !== t.csrf) {
        return deny(request, 'Permission denied - invalid csrf token');
      }
      who = { user: t.user, authid: t.user, privs: '*', via: 'ticket' };
    }
    if (st) st.who = who;
    return undefined;
  });
}

export function schemaGate(core: SimCore): RequestHandler {
  return http.all(ALL, ({ request }) => {
    const schema = core.opts.schema;
    const st = getRequestState(request);
    if (!schema || !st) return undefined;
    // matched segment by segment before decoding (the schema decodes each one)
    const path = rawApiPath(request);
    const m = schema.match(request.method, path);
    const res = schema.validateRequest(request.method, path, { ...st.params, ...(m?.pathParams ?? {}) });
    if (!res) return undefined;
    const detail = res.errors ? ` ${JSON.stringify(res.errors)}` : '';
    st.entry.violation = `${res.message}${detail}`;
    return recordStatus(request, errorResponse(res.status, res.message, res.errors));
  });
}

export function notImplemented(): RequestHandler {
  return http.all(ALL, ({ request }) => {
    const path = getRequestState(request)?.path ?? apiPath(request);
    return recordStatus(request, errorResponse(501, `Method '${request.method} ${path}' not implemented`));
  });
}
