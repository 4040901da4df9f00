// The HTTPS transport, first with a fake simulator (a few msw handlers of its own) so that the
// transport is tested on its own, then with the real simulator core.
import { X509Certificate } from 'node:crypto';
import https from 'node:https';
import tls from 'node:tls';
import { HttpResponse, http } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCertificates } from '../src/cert.js';
import { reasonPhrase, serveSimulator, type SimServer } from '../src/server.js';
import { expectNoSchemaViolations, officialSchema, startSim } from '../../test/helpers/sim.js';

function fakeSim() {
  const state = { writes: 0, closed: false, offline: [] as string[] };
  const sim = {
    state,
    token: 'root@pam!pvectl=11111111-2222-3333-4444-555555555555',
    faults: { latencyMs: 0, errorRate: 0, dropRate: 0, loseResponseAfterWrite: 0, staleNextId: 0 },
    requestLog: [{ method: 'GET', path: '/version', params: {}, status: 200 }] as {
      method: string;
      path: string;
      params: Record<string, unknown>;
      status: number;
      violation?: string;
    }[],
    setNodeOnline(node: string, online: boolean) {
      if (!['pve1', 'pve2'].includes(node)) throw new Error(`no such node '${node}'`);
      state.offline = online ? state.offline.filter((n) => n !== node) : [...state.offline, node];
    },
    close() {
      state.closed = true;
    },
    handlers: [
      http.get('*/api2/json/version', () => HttpResponse.json({ data: { version: '9.1.4', release: '9.1' } })),
      http.get('*/api2/json/missing', () =>
        HttpResponse.json(
          { data: null, message: "Configuration file 'nodes/pve1/qemu-server/999.conf' does not exist\n" },
          { status: 500, statusText: "Configuration file 'nodes/pve1/qemu-server/999.conf' does not exist" },
        ),
      ),
      http.get('*/api2/json/latin1', () => new HttpResponse(null, { status: 500, statusText: 'Gr\u00fc\u00dfe\tdu' })),
      http.get('*/api2/json/node-down', () => new HttpResponse(null, { status: 595, statusText: 'No route to host' })),
      http.get('*/api2/json/broken', () => HttpResponse.error()),
      http.get('*/api2/json/throws', () => {
        throw new Error('handler blew up');
      }),
      http.post('*/api2/json/lost-write', () => {
        state.writes += 1;
        return HttpResponse.error();
      }),
      http.all('*/api2/json/echo', async ({ request }) =>
        HttpResponse.json(
          {
            data: {
              method: request.method,
              url: request.url,
              auth: request.headers.get('authorization'),
              type: request.headers.get('content-type'),
              body: await request.text(),
            },
          },
          { headers: { 'set-cookie': 'a=1' } },
        ),
      ),
    ],
  };
  return sim;
}

type Reply = {
  status: number;
  statusMessage: string;
  headers: Record<string, unknown>;
  text: string;
  json: any;
  reusedSocket: boolean;
};

let server: SimServer<ReturnType<typeof fakeSim>>;
const agent = new https.Agent({ keepAlive: true, maxSockets: 1 });

function call(
  method: string,
  path: string,
  opts: {
    body?: string;
    headers?: Record<string, string>;
    ca?: string;
    useAgent?: boolean;
    to?: Pick<SimServer, 'url' | 'caPem'>;
  } = {},
): Promise<Reply> {
  const to = opts.to ?? server;
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${to.url}${path}`,
      {
        method,
        headers: opts.headers,
        ca: opts.ca ?? to.caPem,
        agent: opts.useAgent ? agent : false,
      },
      (res) => {
        let text = '';
        res
          .setEncoding('utf8')
          .on('data', (c: string) => (text += c))
          .on('end', () => {
            let json: unknown;
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
            resolve({
              status: res.statusCode!,
              statusMessage: res.statusMessage!,
              headers: res.headers,
              text,
              json,
              reusedSocket: req.reusedSocket,
            });
          });
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

beforeAll(async () => {
  server = await serveSimulator(fakeSim());
});
afterAll(async () => {
  agent.destroy();
  await server.close();
});

describe('HTTPS', () => {
  it('serves a leaf that verifies against the CA and whose fingerprint is the one announced', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const port = Number(new URL(server.url).port);
    const peer = await new Promise<tls.DetailedPeerCertificate>((resolve, reject) => {
      const socket = tls
        .connect({ host: '127.0.0.1', port, ca: server.caPem }, () => {
          expect(socket.authorized).toBe(true);
          resolve(socket.getPeerCertificate(true) as tls.DetailedPeerCertificate);
          socket.end();
        })
        .on('error', reject);
    });
    expect(new X509Certificate(peer.raw).fingerprint256).toBe(server.fingerprint);
    expect(new X509Certificate(peer.issuerCertificate.raw).toString()).toBe(
      new X509Certificate(server.caPem).toString(),
    );
  });

  it('is refused by a client that trusts another CA', async () => {
    await expect(call('GET', '/api2/json/version', { ca: makeCertificates().caPem })).rejects.toThrow(/certificate/);
  });

  it('answers through the msw handlers and keeps the connection alive', async () => {
    const first = await call('GET', '/api2/json/version', { useAgent: true });
    expect(first).toMatchObject({ status: 200, json: { data: { version: '9.1.4' } } });
    expect(first.headers).toMatchObject({ server: 'pve-api-daemon/3.0', 'content-type': 'application/json' });
    const second = await call('GET', '/api2/json/version', { useAgent: true });
    expect(second.reusedSocket).toBe(true);
  });

  it('passes method, full URL, headers and body to the handler', async () => {
    const reply = await call('POST', '/api2/json/echo?x=1', {
      body: 'vmid=100&name=web',
      headers: {
        authorization: `PVEAPIToken=${server.sim.token}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
    });
    expect(reply.json.data).toEqual({
      method: 'POST',
      url: `${server.url}/api2/json/echo?x=1`,
      auth: `PVEAPIToken=${server.sim.token}`,
      type: 'application/x-www-form-urlencoded',
      body: 'vmid=100&name=web',
    });
    expect(reply.headers['set-cookie']).toEqual(['a=1']);
  });
});

describe('errors', () => {
  it('puts the error text in the reason phrase', async () => {
    const reply = await call('GET', '/api2/json/missing');
    expect(reply.status).toBe(500);
    expect(reply.statusMessage).toBe("Configuration file 'nodes/pve1/qemu-server/999.conf' does not exist");
    expect(reply.json.message).toMatch(/does not exist\n$/);
    expect(await call('GET', '/api2/json/node-down')).toMatchObject({ status: 595, statusMessage: 'No route to host' });
  });

  it('keeps the reason phrase to one line of printable ASCII', async () => {
    expect((await call('GET', '/api2/json/latin1')).statusMessage).toBe('Gr??e du');
    expect(reasonPhrase('\nfirst line\nsecond\r\n', 500)).toBe('first line');
    expect(reasonPhrase('bell\u0007 and \u00e9', 500)).toBe('bell? and ?');
    expect(reasonPhrase('', 404)).toBe('Not Found');
  });

  it('answers 501 when no handler matches', async () => {
    const reply = await call('GET', '/x');
    expect(reply).toMatchObject({ status: 501, statusMessage: "Method 'GET /x' not implemented" });
    expect(reply.json).toEqual({ data: null, message: "Method 'GET /x' not implemented\n" });
    expect((await call('DELETE', '/api2/json/nope')).statusMessage).toBe("Method 'DELETE /nope' not implemented");
  });

  it('drops the connection for HttpResponse.error() and answers 500 when a handler throws', async () => {
    await expect(call('GET', '/api2/json/broken')).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(await call('GET', '/api2/json/throws')).toMatchObject({ status: 500, statusMessage: 'handler blew up' });
  });
});

describe('answers the handlers withhold', () => {
  it('drops the connection after a write whose handler returns HttpResponse.error()', async () => {
    const before = server.sim.state.writes;
    await expect(call('POST', '/api2/json/lost-write', { body: 'vmid=100' })).rejects.toThrow(
      /socket hang up|ECONNRESET/,
    );
    expect(server.sim.state.writes).toBe(before + 1);
  });
});

describe('control endpoints', () => {
  it('shows and merges faults from JSON or a form, all or nothing', async () => {
    expect((await call('GET', '/_sim/faults')).json.data).toMatchObject({ latencyMs: 0, errorRate: 0, dropRate: 0 });
    const set = await call('POST', '/_sim/faults', {
      body: '{"errorRate":0.25,"staleNextId":2}',
      headers: { 'content-type': 'application/json' },
    });
    expect(set.json.data).toMatchObject({ errorRate: 0.25, staleNextId: 2, latencyMs: 0 });
    await call('POST', '/_sim/faults', { body: 'latencyMs=5&errorRate=0' });
    expect(server.sim.faults).toMatchObject({ latencyMs: 5, errorRate: 0, staleNextId: 2 });
    const bad = await call('POST', '/_sim/faults', { body: '{"latencyMs":7,"dropRate":2}' });
    expect(bad).toMatchObject({ status: 400, statusMessage: "fault 'dropRate' must be a number from 0 to 1, got 2" });
    const unknown = await call('POST', '/_sim/faults', { body: '{"nope":1}' });
    expect(unknown.status).toBe(400);
    expect(unknown.statusMessage).toMatch(/unknown fault 'nope'/);
    expect((await call('POST', '/_sim/faults', { body: '[1]' })).statusMessage).toBe(
      'the body must be a JSON object or a form',
    );
    expect((await call('POST', '/_sim/faults', { headers: { 'content-type': 'application/json' } })).status).toBe(200);
    expect(server.sim.faults).toMatchObject({ latencyMs: 5, dropRate: 0 });
  });

  it('takes nodes offline and online', async () => {
    expect((await call('POST', '/_sim/nodes/pve2/offline')).status).toBe(200);
    expect(server.sim.state.offline).toEqual(['pve2']);
    expect((await call('POST', '/_sim/nodes/pve2/online')).status).toBe(200);
    expect(server.sim.state.offline).toEqual([]);
    expect(await call('POST', '/_sim/nodes/pve9/offline')).toMatchObject({
      status: 400,
      statusMessage: "no such node 'pve9'",
    });
  });

  it('shows and clears the request log', async () => {
    expect((await call('GET', '/_sim/requests')).json.data).toEqual([
      { method: 'GET', path: '/version', params: {}, status: 200 },
    ]);
    const log = server.sim.requestLog;
    expect((await call('POST', '/_sim/requests/clear')).status).toBe(200);
    expect(server.sim.requestLog).toBe(log);
    expect(log).toEqual([]);
    expect((await call('GET', '/_sim/other')).status).toBe(501);
  });
});

describe('close', () => {
  it('closes connections that are still busy, and the simulator', async () => {
    const other = await serveSimulator(fakeSim(), { certificates: makeCertificates() });
    // A request whose body never finishes keeps its connection busy; server.close() alone would wait.
    const req = https.request(`${other.url}/api2/json/echo`, {
      method: 'POST',
      ca: other.caPem,
      agent: false,
      headers: { 'content-length': '100' },
    });
    const failed = new Promise((resolve) => req.on('error', resolve));
    req.write('vmid=1');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closed = await Promise.race([
      other.close().then(() => 'closed'),
      new Promise((resolve) => setTimeout(resolve, 3000, 'still open after 3 s')),
    ]);
    expect(closed).toBe('closed');
    expect(await failed).toBeInstanceOf(Error);
    expect(other.sim.state.closed).toBe(true);
  });
});

describe('with the simulator core', () => {
  let real: SimServer;
  const api = (method: string, path: string, body?: string) =>
    call(method, `/api2/json${path}`, {
      to: real,
      body,
      headers: { authorization: `PVEAPIToken=${real.token}` },
    });
  const control = (path: string, body?: object) => call('POST', path, { to: real, body: body && JSON.stringify(body) });

  beforeAll(async () => {
    real = await startSim({ seed: 7 });
  });
  afterAll(() => real.close());

  it('serves the API to a token and refuses a request without one', async () => {
    const version = await api('GET', '/version');
    expect(version.status).toBe(200);
    expect(version.json.data.version).toMatch(/^9\./);
    const anonymous = await call('GET', '/api2/json/version', { to: real });
    expect(anonymous.status).toBe(401);
    expect(anonymous.statusMessage).not.toBe('');
  });

  it('adds latency', async () => {
    await control('/_sim/faults', { latencyMs: 150 });
    const started = performance.now();
    expect((await api('GET', '/version')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
    await control('/_sim/faults', { latencyMs: 0 });
  });

  it('drops connections at dropRate 1 and answers 502/503 in turn at errorRate 1', async () => {
    await control('/_sim/faults', { dropRate: 1 });
    await expect(api('GET', '/version')).rejects.toThrow(/socket hang up|ECONNRESET/);
    await control('/_sim/faults', { dropRate: 0, errorRate: 1 });
    const replies = [await api('GET', '/version'), await api('GET', '/version')];
    await control('/_sim/faults', { errorRate: 0 });
    expect(replies.map((r) => [r.status, r.statusMessage]).sort()).toEqual([
      [502, 'Bad Gateway'],
      [503, 'Service Unavailable'],
    ]);
  });

  it('applies a write whose answer is lost', async () => {
    const guests = (await api('GET', '/cluster/resources?type=vm')).json.data as {
      vmid: number;
      node: string;
      type: string;
      status: string;
      template?: number;
    }[];
    const vm = guests.find((g) => g.type === 'qemu' && g.status === 'stopped' && !g.template)!;
    expect(vm).toBeDefined();
    await control('/_sim/faults', { loseResponseAfterWrite: 1 });
    await expect(api('POST', `/nodes/${vm.node}/qemu/${vm.vmid}/status/start`)).rejects.toThrow(
      /socket hang up|ECONNRESET/,
    );
    expect(real.sim.faults.loseResponseAfterWrite).toBe(0);
    let status = '';
    for (let i = 0; i < 50 && status !== 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = (await api('GET', `/nodes/${vm.node}/qemu/${vm.vmid}/status/current`)).json.data.status;
    }
    expect(status).toBe('running');
  });

  it('takes a node offline and back', async () => {
    expect((await control('/_sim/nodes/pve2/offline')).status).toBe(200);
    const nodes = (await api('GET', '/nodes')).json.data as { node: string; status: string }[];
    expect(nodes.find((n) => n.node === 'pve2')?.status).toBe('offline');
    expect((await api('GET', '/nodes/pve2/status')).status).toBe(595);
    expect((await control('/_sim/nodes/pve2/online')).status).toBe(200);
    expect((await api('GET', '/nodes/pve2/status')).status).toBe(200);
    expect((await control('/_sim/nodes/nope/offline')).status).toBe(400);
  });

  it('shows the request log and clears it', async () => {
    await call('POST', '/_sim/requests/clear', { to: real });
    await api('GET', '/version');
    const log = (await call('GET', '/_sim/requests', { to: real })).json.data;
    expect(log).toEqual([expect.objectContaining({ method: 'GET', path: '/version', status: 200 })]);
  });

  it.skipIf(!officialSchema())('refuses what the schema refuses, and the harness lists it', async () => {
    await call('POST', '/_sim/requests/clear', { to: real });
    const bad = await api('GET', '/cluster/resources?type=bogus');
    expect(bad).toMatchObject({ status: 400, statusMessage: 'Parameter verification failed.' });
    expect(bad.json.errors).toHaveProperty('type');
    expect(() => expectNoSchemaViolations(real)).toThrow(/GET \/cluster\/resources/);
    await call('POST', '/_sim/requests/clear', { to: real });
    await api('GET', '/cluster/resources?type=vm');
    expectNoSchemaViolations(real);
  });
});
