// region add --connect-timeout / --request-timeout: parsed like --timeout, stored in the region as
// connectTimeoutMs / requestTimeoutMs, and used by its connections.
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { run, SIM_URL, startInProcessSim, type InProcessSim } from '../../helpers/cli.js';
import { VirtualClock } from '../../helpers/virtual-clock.js';
import { configDir, readConfig, runReal, splitToken } from './harness.js';

const FP = 'ab'.repeat(32);
let sim: InProcessSim;
let token: { id: string; secret: string };
let dir: string;
beforeAll(() => {
  sim = startInProcessSim();
  token = splitToken(sim.sim.token);
});
afterAll(() => sim.close());
beforeEach(() => {
  dir = configDir();
  sim.sim.requestLog.length = 0;
  sim.sim.faults.latencyMs = 0;
});

const env = () => ({ PVECTL_CONFIG_DIR: dir, NO_COLOR: '1' });
const add = (extra: string[], url = SIM_URL) =>
  run(
    [
      'region',
      'add',
      'lab',
      '--url',
      url,
      '--token-id',
      token.id,
      '--fingerprint',
      FP,
      '--token-secret-stdin',
      ...extra,
    ],
    { env: env(), stdin: token.secret },
  );

describe('region add timeouts', () => {
  it('stores --connect-timeout and --request-timeout in milliseconds', async () => {
    const r = await add(['--connect-timeout', '5s', '--request-timeout', '2m']);
    expect(r.code, r.stderr).toBe(0);
    expect(readConfig(dir)?.regions?.lab).toMatchObject({ connectTimeoutMs: 5000, requestTimeoutMs: 120_000 });
    const shown = JSON.parse((await run(['region', 'show', 'lab', '-o', 'json'], { env: env() })).stdout) as Record<
      string,
      unknown
    >;
    expect(shown).toMatchObject({ connectTimeoutMs: 5000, requestTimeoutMs: 120_000 });
  });

  it('without them nothing is stored (the defaults, 10 s and 60 s, apply)', async () => {
    await add([]);
    const lab = readConfig(dir)?.regions?.lab ?? {};
    expect(lab).not.toHaveProperty('connectTimeoutMs');
    expect(lab).not.toHaveProperty('requestTimeoutMs');
  });

  it.each([
    [['--connect-timeout', 'soon'], '--connect-timeout: "soon" is not a duration; use e.g. 90s, 10m, 1h30m'],
    [['--request-timeout', '0'], '--request-timeout: "0" must be longer than 0, e.g. 5s or 2m'],
    [['--request-timeout', '-5s'], '--request-timeout: "-5s" is not a duration; use e.g. 90s, 10m, 1h30m'],
  ])('%j exits 2 before anything is sent or saved', async (args, message) => {
    const r = await add(args);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`Error: ${message}`);
    expect(sim.sim.requestLog).toEqual([]);
    expect(readConfig(dir)).toBeNull();
  });

  it("the region's request timeout bounds each call, its retries included", async () => {
    await add(['--request-timeout', '100ms']);
    sim.sim.faults.latencyMs = 400;
    const r = await run(['node', 'list'], { env: env() });
    expect(r.code).toBe(1);
    // one budget for the call: the timed-out try leaves no time for another (it was 3 × 100 ms)
    expect(r.stderr.split('\n')[0]).toBe(`Error: GET /cluster/resources: no answer from ${SIM_URL} within 100 ms`);
  });

  describe('with the real transport', () => {
    let silent: Server;
    let url: string;
    const sockets = new Set<Socket>();
    beforeAll(async () => {
      silent = createServer((socket) => sockets.add(socket)); // accepts TCP, never answers the TLS handshake
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      url = `https://127.0.0.1:${(silent.address() as { port: number }).port}`;
    });
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });

    it("the region's connect timeout bounds each connection", async () => {
      expect((await add(['--connect-timeout', '150ms', '--no-verify'], url)).code).toBe(0);
      // undici's connect timeout runs in real time; the pauses between the tries need not
      const r = await runReal(['node', 'list'], { env: { PVECTL_CONFIG_DIR: dir }, clock: new VirtualClock() });
      expect(r.code).toBe(1);
      expect(r.stderr.split('\n')[0]).toBe(
        `Error: cannot connect to ${url}: connection timed out after 0.15 s (tried 3 times)`,
      );
    });
  });
});
