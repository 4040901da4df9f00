// `pvectl api` and task verbs never leave /api2/json: dot segments, raw or percent-encoded, and
// UPIDs whose node is not a host name are usage errors (exit 2) and nothing at all is sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchLike } from '../../src/api/transport.js';
import { makeCertificates } from '../../sim/src/cert.js';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';
import { startTestServer, type TestServer } from '../helpers/tls-server.js';

let s: InProcessSim;
let server: TestServer;
let fingerprint: string;
beforeAll(async () => {
  s = startInProcessSim();
  const certs = makeCertificates();
  fingerprint = certs.fingerprint;
  server = await startTestServer({ cert: certs.certPem, key: certs.keyPem });
});
afterAll(async () => {
  s.close();
  await server.close();
});

/** Runs pvectl with a fetch that records every URL it is asked for (and answers nothing). */
async function recorded(args: string[]) {
  const urls: string[] = [];
  const fetch: FetchLike = async (url) => {
    urls.push(url);
    throw new TypeError('fetch failed');
  };
  const r = await run(args, { env: s.env, fetch });
  return { ...r, urls };
}

const BAD_UPID = 'UPID:pve1/..:00001234:00ABCDEF:6B000000:qmstart:100:root@pam!pvectl:';

describe('paths outside /api2/json', () => {
  it.each([
    ['api', 'get', '/../../_sim/faults'],
    ['api', 'get', '/%2e%2e/%2e%2e/_sim/faults'],
    ['api', 'get', '/api2/json/nodes/%2E%2E/%2e%2E/_sim/faults'],
    ['api', 'get', '/nodes/pve1%2f..%2f..%2f_sim/faults'],
    ['api', 'post', '/../../_sim/faults', '-d', 'errorRate=1'],
    ['api', 'delete', '/nodes/./pve1/../../x', '--dry-run'],
    ['api', 'get', '/nodes#/../x'],
    ['task', 'show', BAD_UPID],
    ['task', 'log', BAD_UPID],
    ['task', 'wait', BAD_UPID],
  ])('%j: exit 2, nothing sent', async (...args) => {
    const r = await recorded(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Error: /);
    expect(r.urls).toEqual([]);
    expect(s.sim.requestLog.filter((l) => l.method !== 'GET')).toEqual([]);
  });

  it('says which segment was refused', async () => {
    const r = await recorded(['api', 'get', '/%2e%2e/_sim/faults']);
    expect(r.stderr.split('\n')[0]).toBe(
      'Error: API path "/%2e%2e/_sim/faults" has a ".." segment; pvectl only sends paths inside /api2/json, ' +
        'without "." or ".." segments (raw or percent-encoded)',
    );
  });

  it('with the real transport, the server sees no request (and so no token)', async () => {
    const env = { PVECTL_URL: server.url, PVECTL_TOKEN: s.sim.token, PVECTL_FINGERPRINT: fingerprint };
    for (const path of ['/../../_sim/faults', '/%2e%2e/%2e%2e/_sim/faults']) {
      const r = await run(['api', 'get', path], { env, realTransport: true });
      expect(r.code).toBe(2);
    }
    expect(server.seen.requests).toEqual([]);
  });

  it('an ordinary path still goes through', async () => {
    const r = await run(['api', 'get', '/nodes/pve1/version'], { env: s.env });
    expect(r.code).toBe(0);
  });
});
