// region test against the simulator over real HTTPS: each check, and the exit codes 0/1/4/5.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/config/store.js';
import { startSim, type SimServer } from '../../helpers/sim.js';
import { configDir, runReal, splitToken } from './harness.js';

const WEAK = { id: 'ci@pve!weak', secret: 'weak-secret-5555', privs: ['VM.Audit', 'VM.PowerMgmt', 'VM.Config.CPU'] };
let sim: SimServer;
let dir: string;
let token: { id: string; secret: string };

beforeAll(async () => {
  sim = await startSim({ tokens: [{ id: 'root@pam!pvectl', secret: 'full-secret-4444', privs: '*' }, WEAK] });
  token = splitToken(sim.token);
});
afterAll(() => sim.close());
beforeEach(async () => {
  dir = configDir();
  sim.sim.requestLog.length = 0;
  const store = await openStore({ PVECTL_CONFIG_DIR: dir });
  store.set('lab', { url: sim.url, tokenId: token.id, tokenSecret: token.secret, fingerprint: sim.fingerprint });
  store.set('weak', { url: sim.url, tokenId: WEAK.id, tokenSecret: WEAK.secret, fingerprint: sim.fingerprint });
  store.use('lab');
});

const test = (args: string[], env: Record<string, string> = {}) =>
  runReal(['region', 'test', ...args, '-o', 'json'], { env: { PVECTL_CONFIG_DIR: dir, ...env } });
type Row = { region: string; check: string; status: string; detail: string; fix: string | null };
const rows = (stdout: string) => JSON.parse(stdout) as Row[];
const status = (stdout: string) => Object.fromEntries(rows(stdout).map((r) => [r.check, r.status]));

describe('region test', () => {
  it('all checks pass for a full token with a pin: exit 0', async () => {
    const r = await test([]);
    expect(r.code, r.stderr).toBe(0);
    expect(status(r.stdout)).toEqual({
      reachable: 'ok',
      TLS: 'ok',
      token: 'ok',
      'PVE version': 'ok',
      quorum: 'ok',
      'privilege VM.Audit': 'ok',
      'privilege VM.PowerMgmt': 'ok',
      'privilege VM.Allocate': 'ok',
      'privilege VM.Clone': 'ok',
      'privilege VM.Config.*': 'ok',
      'privilege Datastore.AllocateSpace': 'ok',
      'privilege Datastore.AllocateTemplate': 'ok',
      'privilege Sys.Audit': 'ok',
    });
    expect(rows(r.stdout).find((x) => x.check === 'PVE version')?.detail).toBe('9.1.4');
    expect(rows(r.stdout).find((x) => x.check === 'quorum')?.detail).toMatch(/3 of 3 nodes online, quorate/);
    expect(sim.sim.requestLog.map((e) => e.path)).toEqual(['/version', '/cluster/status', '/access/permissions']);
  });

  it('missing privileges: FAIL rows with the pveum fix and the privilege-separation note; exit 1', async () => {
    const r = await test(['weak']);
    expect(r.code).toBe(1);
    const s = status(r.stdout);
    expect(s).toMatchObject({
      token: 'ok',
      quorum: 'skip',
      'privilege VM.Audit': 'ok',
      'privilege VM.Allocate': 'FAIL',
      'privilege Sys.Audit': 'FAIL',
    });
    const config = rows(r.stdout).find((x) => x.check === 'privilege VM.Config.*')!;
    expect(config.status).toBe('FAIL');
    expect(config.detail).toContain('missing VM.Config.Disk');
    expect(config.detail).not.toContain('VM.Config.CPU');
    expect(config.fix).toBe("pveum acl modify /vms --tokens 'ci@pve!weak' --roles PVEVMAdmin");
    expect(r.stderr).toContain('Error: Region "weak": 6 of 13 checks failed');
    expect(r.stderr).toContain("pveum acl modify / --tokens 'ci@pve!weak' --roles PVEAuditor");
    expect(r.stderr).toContain('privilege separation');
    expect(r.stdout + r.stderr).not.toContain(WEAK.secret);
  });

  it('a refused token: exit 4, and nothing else is asked', async () => {
    // the environment region: a configured one never takes PVECTL_TOKEN
    const env = { PVECTL_URL: sim.url, PVECTL_FINGERPRINT: sim.fingerprint };
    const r = await test([], { ...env, PVECTL_TOKEN: `${token.id}=wrong-secret-9999` });
    expect(r.code).toBe(4);
    expect(status(r.stdout)).toEqual({ reachable: 'ok', TLS: 'ok', token: 'FAIL' });
    expect(r.stderr).toContain('fix PVECTL_TOKEN');
    expect(r.stdout + r.stderr).not.toContain('wrong-secret-9999');
  });

  it('a pin that does not match: exit 5 with the server fingerprint, and no request sent', async () => {
    // --fingerprint applies to the chosen region (PVECTL_FINGERPRINT only to the environment's)
    const r = await test(['--fingerprint', '00'.repeat(32)]);
    expect(r.code).toBe(5);
    expect(status(r.stdout)).toEqual({ reachable: 'ok', TLS: 'FAIL' });
    expect(r.stderr).toContain(`Server certificate SHA-256 fingerprint: ${sim.fingerprint}`);
    expect(r.stderr).toContain(`--fingerprint ${sim.fingerprint}`);
    expect(sim.sim.requestLog).toEqual([]);
  });

  it('no trust for a certificate the system does not trust: exit 5, no request sent', async () => {
    const store = await openStore({ PVECTL_CONFIG_DIR: dir });
    store.set('bare', { url: sim.url, tokenId: token.id, tokenSecret: token.secret });
    const r = await test(['bare']);
    expect(r.code).toBe(5);
    expect(rows(r.stdout).find((x) => x.check === 'TLS')?.detail).toContain("not trusted by the system's CAs");
    expect(sim.sim.requestLog).toEqual([]);
  });

  it('a CA file that signed the certificate: ok', async () => {
    const ca = join(dir, 'ca.pem');
    writeFileSync(ca, sim.caPem);
    const r = await test([], { PVECTL_URL: sim.url, PVECTL_TOKEN: sim.token, PVECTL_CA_FILE: ca });
    expect(r.code, r.stderr).toBe(0);
    expect(rows(r.stdout).find((x) => x.check === 'TLS')?.detail).toMatch(
      new RegExp(`^verified against CA file ${ca}`),
    );
  });

  it('--insecure: TLS is a warning, with the fingerprint to pin instead; exit 0', async () => {
    const r = await runReal(['region', 'test', '--insecure', '-o', 'json'], { env: { PVECTL_CONFIG_DIR: dir } });
    expect(r.code, r.stderr).toBe(0);
    const tls = rows(r.stdout).find((x) => x.check === 'TLS')!;
    expect(tls).toMatchObject({ status: 'warn' });
    expect(tls.detail).toContain(sim.fingerprint);
    expect(r.stderr).toContain('works, with warnings');
  });

  it('the environment alone (CI, no config file): ok', async () => {
    const r = await runReal(['region', 'test'], {
      env: {
        PVECTL_CONFIG_DIR: join(configDir(), 'none'),
        PVECTL_URL: sim.url,
        PVECTL_TOKEN: sim.token,
        PVECTL_FINGERPRINT: sim.fingerprint,
      },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^CHECK +STATUS +DETAIL\nreachable +ok /);
  });

  it('quorum lost: FAIL, exit 1', async () => {
    sim.sim.setNodeOnline('pve2', false);
    sim.sim.setNodeOnline('pve3', false);
    try {
      const r = await test([]);
      expect(r.code).toBe(1);
      expect(rows(r.stdout).find((x) => x.check === 'quorum')).toMatchObject({ status: 'FAIL' });
      expect(r.stderr).toContain('pvecm status');
    } finally {
      sim.sim.setNodeOnline('pve2', true);
      sim.sim.setNodeOnline('pve3', true);
    }
  });

  it('an unreachable server: exit 1 with what to check', async () => {
    const store = await openStore({ PVECTL_CONFIG_DIR: dir });
    store.set('gone', {
      url: 'https://127.0.0.1:1',
      tokenId: token.id,
      tokenSecret: token.secret,
      fingerprint: sim.fingerprint,
    });
    const r = await test(['gone']);
    expect(r.code).toBe(1);
    expect(status(r.stdout)).toEqual({ reachable: 'FAIL' });
    expect(r.stderr).toContain('port 1 is open');
  });

  it('an unknown region: exit 2', async () => {
    const r = await test(['nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Configured regions: lab, weak.');
  });
});
