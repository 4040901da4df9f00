// TLS failures over real HTTPS: the hint fits where the region comes from (the environment's "env"
// region is fixed with PVECTL_* variables, never `region remove env && region add env`), and the
// server's fingerprint is printed once outside the commands to copy: in the message, or on a line
// of its own when the message has none (region test).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/config/store.js';
import { startSim, type SimServer } from '../../helpers/sim.js';
import { configDir, runReal, splitToken } from './harness.js';

const WRONG_PIN = '00'.repeat(32);
const WRONG_PIN_NORMAL = '00:'.repeat(31) + '00';
let sim: SimServer;
let dir: string;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());
beforeEach(() => {
  dir = configDir();
  sim.sim.requestLog.length = 0;
});

const envRegion = (extra: Record<string, string> = {}) => ({
  PVECTL_CONFIG_DIR: dir,
  PVECTL_URL: sim.url,
  PVECTL_TOKEN: sim.token,
  ...extra,
});
const count = (text: string, part: string) => text.split(part).length - 1;
const errorLine = (stderr: string) => stderr.split('\n').find((l) => l.startsWith('Error: '))!;

describe('the env region (PVECTL_URL)', () => {
  it(
    'a pin mismatch: exit 5; the hint says PVECTL_FINGERPRINT, not region remove/add env; the fingerprint once ' +
      'in the message',
    async () => {
      const r = await runReal(['node', 'list'], { env: envRegion({ PVECTL_FINGERPRINT: WRONG_PIN }) });
      expect(r.code).toBe(5);
      expect(errorLine(r.stderr)).toContain(
        `certificate fingerprint ${sim.fingerprint} does not match the pinned ${WRONG_PIN_NORMAL}`,
      );
      expect(r.stderr).not.toContain('Server certificate SHA-256 fingerprint');
      expect(r.stderr).toContain(`only then pin it: set PVECTL_FINGERPRINT=${sim.fingerprint}.`);
      expect(r.stderr).not.toMatch(/region (remove|add)/);
      expect(count(r.stderr, sim.fingerprint)).toBe(2); // the message, and the variable to set
      expect(sim.sim.requestLog).toEqual([]);
    },
  );

  it(
    'an untrusted certificate: exit 5; the fingerprint once in the message; the hint names the PVECTL_* ' + 'variables',
    async () => {
      const r = await runReal(['node', 'list'], { env: envRegion() });
      expect(r.code).toBe(5);
      expect(errorLine(r.stderr)).toContain(`Its SHA-256 fingerprint is ${sim.fingerprint}.`);
      expect(r.stderr).not.toContain('Server certificate SHA-256 fingerprint');
      for (const v of [`PVECTL_FINGERPRINT=${sim.fingerprint}`, 'PVECTL_CA_FILE=FILE', 'PVECTL_INSECURE=1'])
        expect(r.stderr).toContain(v);
      expect(r.stderr).not.toMatch(/region (remove|add)|--fingerprint|--ca-file|--insecure/);
      expect(count(r.stderr, sim.fingerprint)).toBe(2); // the message, and the variable to set
      expect(sim.sim.requestLog).toEqual([]);
    },
  );

  it('region test: the fix is PVECTL_FINGERPRINT, in the table and in the error', async () => {
    const r = await runReal(['region', 'test', '-o', 'json'], { env: envRegion({ PVECTL_FINGERPRINT: WRONG_PIN }) });
    expect(r.code).toBe(5);
    const tls = (JSON.parse(r.stdout) as Array<{ check: string; fix: string | null }>).find((c) => c.check === 'TLS')!;
    expect(tls.fix).toBe(
      `If the certificate was renewed: After checking it on the node (\`pvenode cert info\`): ` +
        `PVECTL_FINGERPRINT=${sim.fingerprint}`,
    );
    expect(r.stderr).not.toMatch(/region (remove|add) env/);
    expect(count(r.stderr, 'Server certificate SHA-256 fingerprint')).toBe(1);
  });

  it('region test --insecure: the warning says to pin instead of PVECTL_INSECURE', async () => {
    const r = await runReal(['region', 'test', '-o', 'json'], { env: envRegion({ PVECTL_INSECURE: '1' }) });
    expect(r.code, r.stderr).toBe(0);
    const tls = (JSON.parse(r.stdout) as Array<{ check: string; fix: string | null }>).find((c) => c.check === 'TLS')!;
    expect(tls.fix).toContain(`PVECTL_FINGERPRINT=${sim.fingerprint} (instead of PVECTL_INSECURE=1 / --insecure)`);
    expect(r.stdout + r.stderr).not.toMatch(/region (remove|add) env/);
  });
});

describe('a configured region', () => {
  beforeEach(async () => {
    const { id, secret } = splitToken(sim.token);
    const store = await openStore({ PVECTL_CONFIG_DIR: dir });
    store.set('lab', { url: sim.url, tokenId: id, tokenSecret: secret });
    store.use('lab');
  });

  it(
    'an untrusted certificate: the hint re-adds the region with ' + 'the pin; the fingerprint once outside it',
    async () => {
      const r = await runReal(['node', 'list'], { env: { PVECTL_CONFIG_DIR: dir } });
      expect(r.code).toBe(5);
      expect(errorLine(r.stderr)).toContain(sim.fingerprint);
      expect(r.stderr).not.toContain('Server certificate SHA-256 fingerprint');
      expect(r.stderr).toContain(
        `pvectl region remove lab && pvectl region add lab --url ${sim.url} --token-id 'root@pam!pvectl' ` +
          `--fingerprint ${sim.fingerprint}`,
      );
      expect(r.stderr).not.toContain(splitToken(sim.token).secret);
    },
  );

  it('a pin mismatch: the fingerprint is in the message, so no separate line', async () => {
    const r = await runReal(['node', 'list'], { env: { PVECTL_CONFIG_DIR: dir, PVECTL_FINGERPRINT: WRONG_PIN } });
    expect(r.code).toBe(5);
    expect(errorLine(r.stderr)).toContain(sim.fingerprint);
    expect(r.stderr).not.toContain('Server certificate SHA-256 fingerprint');
  });
});
