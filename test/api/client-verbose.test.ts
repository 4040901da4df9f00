// --verbose: one line per HTTP call, answered or not. A call that fails at the connection level
// is logged before the "retrying" line; the token secret is never logged.
import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FetchLike } from '../../src/api/transport.js';
import type { Clock } from '../../src/context.js';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';

const instantClock = (): Clock => ({ now: () => 0, sleep: async () => {} });

function pvectl(args: string[], env: Record<string, string | undefined>, fetch?: FetchLike) {
  // no fetch: the real transport (a refused real connection)
  return run(args, { env, fetch, realTransport: fetch === undefined, clock: instantClock() });
}

let s: InProcessSim;
let secret: string;
beforeAll(() => {
  s = startInProcessSim();
  secret = s.sim.token.slice(s.sim.token.indexOf('=') + 1);
});
afterAll(() => s.close());
beforeEach(() => {
  s.sim.faults.dropRate = 0;
  s.sim.faults.errorRate = 0;
});

const viaMsw: FetchLike = (url, init) => globalThis.fetch(url, init);

describe('--verbose', () => {
  it('logs an answered call: method, path, status, ms', async () => {
    const r = await pvectl(['-v', 'node', 'list', '-o', 'id'], s.env, viaMsw);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('[env] GET /cluster/resources?type=node → 200 OK (0 ms)\n');
  });

  it('logs a call that failed at the connection level, before each "retrying"', async () => {
    s.sim.faults.dropRate = 1;
    const r = await pvectl(['-v', 'node', 'list'], s.env, viaMsw);
    expect(r.code).toBe(1);
    const failed =
      '[env] GET /cluster/resources?type=node → connection error: connection to https://pve.test:8006 ' +
      'failed: no answer (0 ms)';
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.slice(0, 5).map((l) => l.replace(/retrying in \d+ ms/, 'retrying in N ms'))).toEqual([
      failed,
      '[env]   retrying in N ms (connection to https://pve.test:8006 failed: no answer)',
      failed,
      '[env]   retrying in N ms (connection to https://pve.test:8006 failed: no answer)',
      failed,
    ]);
    expect(lines[5]).toBe('Error: connection to https://pve.test:8006 failed: no answer (tried 3 times)');
    expect(r.stderr).not.toContain(secret);
  });

  it('with the real transport: a refused connection is logged with the server and the reason', async () => {
    const port = await closedPort();
    const env = {
      PVECTL_URL: `https://127.0.0.1:${port}`,
      PVECTL_TOKEN: s.sim.token,
      PVECTL_FINGERPRINT: 'AB'.repeat(32),
      PVECTL_CONFIG_DIR: s.env.PVECTL_CONFIG_DIR,
      NO_COLOR: '1',
    };
    const r = await pvectl(['--verbose', 'node', 'list'], env);
    expect(r.code).toBe(1);
    const logged = r.stderr.split('\n').filter((l) => l.includes('→ connection error:'));
    expect(logged).toEqual(
      Array(3).fill(
        `[env] GET /cluster/resources?type=node → connection error: cannot connect to ` +
          `https://127.0.0.1:${port}: connection refused (0 ms)`,
      ),
    );
    expect(r.stderr.match(/retrying in \d+ ms/g)).toHaveLength(2);
    expect(r.stderr).not.toContain(secret);
  });

  it('never logs the secret: not for answered calls, 5xx answers or a refused token', async () => {
    s.sim.faults.errorRate = 1;
    const failing = await pvectl(['-v', 'vm', 'list'], s.env, viaMsw);
    s.sim.faults.errorRate = 0;
    const fine = await pvectl(['-v', 'vm', 'show', '100', '-o', 'json'], s.env, viaMsw);
    const refused = await pvectl(
      ['-v', 'vm', 'list'],
      { ...s.env, PVECTL_TOKEN: `${s.sim.token.split('=')[0]}=wrong-${secret}` },
      viaMsw,
    );
    expect([failing.code, fine.code, refused.code]).toEqual([1, 0, 4]);
    for (const r of [failing, fine, refused]) {
      expect(r.stderr).toContain('[env] GET ');
      expect(r.stderr).not.toContain(secret);
      expect(r.stdout).not.toContain(secret);
    }
  });
});

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}
