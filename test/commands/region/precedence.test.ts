// Issue 8 §4: `PVECTL_URL=https://other:8006 pvectl -r home vm list` sent home's stored token to
// `other`. Two real HTTPS simulators: `home` is configured, `other` is what the environment
// names. Whatever the mix, `other` must not see a single request (and so no credential).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/config/store.js';
import { startSim, type SimServer } from '../../helpers/sim.js';
import { configDir, runReal, splitToken } from './harness.js';

let home: SimServer;
let other: SimServer;
let dir: string;

beforeAll(async () => {
  [home, other] = await Promise.all([startSim(), startSim({ seed: 7 })]);
});
afterAll(async () => {
  await Promise.all([home.close(), other.close()]);
});
beforeEach(async () => {
  dir = configDir();
  const { id, secret } = splitToken(home.token);
  const store = await openStore({ PVECTL_CONFIG_DIR: dir });
  store.set('home', { url: home.url, tokenId: id, tokenSecret: secret, insecure: true });
  store.set('pinned', { url: home.url, tokenId: id, tokenSecret: secret, fingerprint: home.fingerprint });
  store.use('home');
  home.sim.requestLog.length = 0;
  other.sim.requestLog.length = 0;
});

const list = (args: string[], env: Record<string, string>) =>
  runReal([...args, 'vm', 'list', '-o', 'id'], { env: { PVECTL_CONFIG_DIR: dir, ...env } });

describe('a configured region takes URL, token and trust from the config file alone', () => {
  it.each([
    ['-r home (insecure) with PVECTL_URL', ['-r', 'home'], {}],
    ['PVECTL_REGION=home with PVECTL_URL', [], { PVECTL_REGION: 'home' }],
    ['-r pinned with PVECTL_URL and the other server pinned', ['-r', 'pinned'], { pin: true }],
    ['-r home with a whole environment region', ['-r', 'home'], { token: true }],
  ] as const)('%s: home answers, the other server sees nothing', async (_label, args, how) => {
    const env: Record<string, string> = { PVECTL_URL: other.url };
    if ('PVECTL_REGION' in how) env.PVECTL_REGION = how.PVECTL_REGION;
    if ('pin' in how) env.PVECTL_FINGERPRINT = other.fingerprint;
    if ('token' in how) env.PVECTL_TOKEN = other.token;
    const r = await list([...args], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toBe('');
    expect(home.sim.requestLog.length).toBeGreaterThan(0);
    expect(other.sim.requestLog).toEqual([]);
    expect(r.stderr).toMatch(/PVECTL_URL.* ignored: region "(home|pinned)" \(from (--region|PVECTL_REGION)\)/);
  });

  it('PVECTL_URL alone with a current region: exit 2, and neither server sees a request', async () => {
    const r = await list([], { PVECTL_URL: other.url, PVECTL_INSECURE: '1' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('PVECTL_URL is set but PVECTL_TOKEN is not.');
    expect(other.sim.requestLog).toEqual([]);
    expect(home.sim.requestLog).toEqual([]);
  });

  it('the environment region takes nothing from the file: its own token goes to its own URL', async () => {
    const r = await list([], {
      PVECTL_URL: other.url,
      PVECTL_TOKEN: other.token,
      PVECTL_FINGERPRINT: other.fingerprint,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(home.sim.requestLog).toEqual([]);
    expect(other.sim.requestLog.length).toBeGreaterThan(0);
  });

  it('--insecure applies to the region chosen, and only its own server is asked', async () => {
    const r = await list(['-r', 'pinned', '--insecure'], { PVECTL_URL: other.url });
    expect(r.code, r.stderr).toBe(0);
    expect(other.sim.requestLog).toEqual([]);
  });
});
