// /_sim/… control endpoints of the HTTPS server: fault switches, nodes on and off, the request log.
import { errorResponse } from './http.js';
import type { Faults } from './index.js';
import { notImplemented, type ServedSimulator } from './server.js';

// /_sim/…: switches for tests and demos, outside /api2/json and without authentication, like
// a lab's power switch. Answers use the API's {"data": …} envelope.
export async function handleControl(
  sim: ServedSimulator,
  method: string,
  path: string,
  body?: Buffer,
  contentType?: string,
): Promise<Response> {
  const ok = (data: unknown) => Response.json({ data });
  const node = /^\/_sim\/nodes\/([^/]+)\/(online|offline)$/.exec(path);
  if (method === 'GET' && path === '/_sim/faults') return ok(sim.faults);
  if (method === 'POST' && path === '/_sim/faults') {
    const input = parseBody(body, contentType);
    const problem = typeof input === 'string' ? input : mergeFaults(sim.faults, input);
    return problem ? errorResponse(400, problem) : ok(sim.faults);
  }
  if (method === 'POST' && node) {
    try {
      sim.setNodeOnline(decodeURIComponent(node[1]!), node[2] === 'online');
    } catch (err) {
      return errorResponse(400, (err as Error).message);
    }
    return ok(null);
  }
  if (method === 'GET' && path === '/_sim/requests') return ok(sim.requestLog);
  const volume = /^\/_sim\/volumes\/([^/]+)\/(.+)$/.exec(path);
  if (method === 'GET' && volume)
    return volumeBytes(sim, decodeURIComponent(volume[1]!), decodeURIComponent(volume[2]!));
  if (method === 'POST' && path === '/_sim/requests/clear') {
    sim.requestLog.length = 0; // the simulator keeps appending to this same array
    return ok(null);
  }
  return notImplemented(method, path);
}

// JSON ({"errorRate":0.5}) or a form (errorRate=0.5, what `curl -d` sends); a string says what is wrong.
function parseBody(body: Buffer | undefined, contentType = ''): Record<string, unknown> | string {
  const text = body?.toString('utf8').trim() ?? '';
  if (text === '') return {};
  if (!contentType.includes('json') && !/^[[{]/.test(text)) return Object.fromEntries(new URLSearchParams(text));
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  return 'the body must be a JSON object or a form';
}

// All or nothing: returns what is wrong, or null after applying every value.
function mergeFaults(faults: Faults, input: Record<string, unknown>): string | null {
  const updates: [string, number][] = [];
  for (const [key, raw] of Object.entries(input)) {
    const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (!Object.hasOwn(faults, key)) return `unknown fault '${key}' (known: ${Object.keys(faults).join(', ')})`;
    const isRate = key.endsWith('Rate');
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      value < 0 ||
      (isRate && value > 1) ||
      (!isRate && !Number.isInteger(value))
    ) {
      return (
        `fault '${key}' must be ${isRate ? 'a number from 0 to 1' : 'an integer >= 0'}, got ` + `${JSON.stringify(raw)}`
      );
    }
    updates.push([key, value]);
  }
  for (const [key, value] of updates) (faults as unknown as Record<string, number>)[key] = value;
  return null;
}

// The bytes of an uploaded file (`/_sim/volumes/local/iso/pvectl-seed-104.iso`), on whichever node.
function volumeBytes(sim: ServedSimulator, storage: string, name: string): Response {
  const volid = `${storage}:${name}`;
  const data = sim.volumeData?.(volid);
  if (!data) return errorResponse(404, `no uploaded volume '${volid}'`);
  return new Response(new Uint8Array(data), { headers: { 'content-type': 'application/octet-stream' } });
}
