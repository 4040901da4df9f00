// Hostile 2xx bodies through the production transport (undici) from a real HTTPS server: the
// body is read whole and judged by client.ts, as with msw's fetch (unexpected-answer.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCertificates, type CertificateSet } from '../../sim/src/cert.js';
import { run } from '../helpers/cli.js';
import { startTestServer, type TestServer } from '../helpers/tls-server.js';

let certs: CertificateSet;
let server: TestServer;
let body = '';
let type = 'application/json';

beforeAll(async () => {
  certs = makeCertificates();
  server = await startTestServer({
    cert: certs.certPem,
    key: certs.keyPem,
    handler: (_req, res) => {
      res.setHeader('content-type', type);
      res.end(body);
    },
  });
});
afterAll(() => server.close());

const env = () => ({
  PVECTL_URL: server.url,
  PVECTL_TOKEN: 'root@pam!pvectl=00000000-0000-0000-0000-000000000000',
  PVECTL_FINGERPRINT: certs.fingerprint,
  PVECTL_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'pvectl-test-')),
  NO_COLOR: '1',
});

describe('over HTTPS, GET /cluster/resources answering 200 with', () => {
  it.each([
    ['truncated JSON', 'application/json', '{"data":[{"id":"qemu/100","vmid":1', 'the body is not JSON (34 bytes'],
    [
      'an HTML login page',
      'text/html',
      '<html><head><title>Login</title></head></html>',
      'the body is not JSON (46 bytes',
    ],
    ['{"data":null}', 'application/json', '{"data":null}', 'data is null, expected a list'],
  ])('%s: vm list exits 1 and names the call', async (_name, t, b, problem) => {
    type = t;
    body = b;
    const r = await run(['vm', 'list'], { env: env(), realTransport: true });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`Error: unexpected answer from GET /cluster/resources: ${problem}`);
    expect(server.seen.requests.every((q) => q.method === 'GET')).toBe(true);
  });
});
