// region set NAME: changes only the fields named (an IP pool for an existing region, defaults,
// timeouts, trust), keeps the rest; re-pinning shows old and new fingerprints and asks; --dry-run
// saves nothing; usage errors (exit 2) change nothing.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/config/store.js';
import { run } from '../../helpers/cli.js';
import { startSim, type SimServer } from '../../helpers/sim.js';
import { configDir, readConfig, scriptedPrompt, splitToken } from './harness.js';

const SECRET = 'aaaa1111-secret-a';
const OLD = 'AB:'.repeat(31) + 'AB';
const NEW = 'CD:'.repeat(31) + 'CD';
let dir: string;

beforeEach(async () => {
  dir = configDir();
  const store = await openStore({ PVECTL_CONFIG_DIR: dir });
  store.set('prod', {
    url: 'https://pve1.example.net:8006',
    tokenId: 'root@pam!pvectl',
    tokenSecret: SECRET,
    fingerprint: OLD,
    defaults: { node: 'pve1' },
  });
  store.set('lab', {
    url: 'https://lab.example.net:8006',
    tokenId: 'ci@pve!lab',
    tokenSecret: 'bbbb2222-secret-b',
    caFile: '/etc/pvectl/lab-ca.pem',
    ipPool: { cidr: '192.0.2.0/24', gateway: '192.0.2.1' },
  });
  store.use('prod');
});

const sh = (args: string[], opts: Parameters<typeof run>[1] = {}) =>
  run(['region', 'set', ...args], { env: { PVECTL_CONFIG_DIR: dir, NO_COLOR: '1' }, ...opts });
const file = () => readFileSync(join(dir, 'config.json'), 'utf8');

describe('region set', () => {
  it('adds an IP pool to an existing region and keeps every other field', async () => {
    const r = await sh([
      'prod',
      '--ip-pool',
      '192.0.2.0/24',
      '--gateway',
      '192.0.2.1',
      '--ip-range',
      '192.0.2.50-192.0.2.99',
    ]);
    expect(r).toEqual({
      code: 0,
      stdout: '',
      stderr:
        'Region "prod" changed:\n' +
        '  ipPool: (none) -> {"cidr":"192.0.2.0/24","gateway":"192.0.2.1","start":"192.0.2.50","end":"192.0.2.99"}\n',
    });
    expect(readConfig(dir)?.regions?.prod).toEqual({
      url: 'https://pve1.example.net:8006',
      tokenId: 'root@pam!pvectl',
      tokenSecret: SECRET,
      fingerprint: OLD,
      defaults: { node: 'pve1' },
      ipPool: { cidr: '192.0.2.0/24', gateway: '192.0.2.1', start: '192.0.2.50', end: '192.0.2.99' },
    });
    expect(readConfig(dir)?.currentRegion).toBe('prod');
  });

  it('--dns alone amends the stored pool; defaults merge; timeouts; -q is quiet', async () => {
    expect((await sh(['lab', '--dns', '192.0.2.53', '-q'])).stderr).toBe('');
    expect(readConfig(dir)?.regions?.lab?.ipPool).toEqual({
      cidr: '192.0.2.0/24',
      gateway: '192.0.2.1',
      dns: ['192.0.2.53'],
    });
    const r = await sh(['prod', '--pool', 'web', '--storage', 'ceph', '--request-timeout', '2m']);
    expect(r.stderr).toBe(
      'Region "prod" changed:\n  requestTimeoutMs: (none) -> 120000\n' +
        '  defaults.storage: (none) -> ceph\n  defaults.pool: (none) -> web\n',
    );
    expect(readConfig(dir)?.regions?.prod).toMatchObject({ defaults: { node: 'pve1', storage: 'ceph', pool: 'web' } });
  });

  it('--dry-run prints the changes on stdout and saves nothing', async () => {
    const before = file();
    const r = await sh(['prod', '--node', 'pve2', '--domain', 'Example.NET', '--dry-run']);
    expect(r).toEqual({
      code: 0,
      stdout:
        `would change region "prod" in ${join(dir, 'config.json')}:\n` +
        '  defaults.node: pve1 -> pve2\n' +
        '  domain: (none) -> example.net\n',
      stderr: '',
    });
    expect(file()).toBe(before);
  });

  it('the same values again: nothing changed, said on stderr', async () => {
    const before = file();
    expect(await sh(['prod', '--node', 'pve1'])).toEqual({
      code: 0,
      stdout: '',
      stderr: 'Region "prod" already has these settings; nothing changed.\n',
    });
    expect(file()).toBe(before);
  });

  it.each([
    [['prod'], 2, 'Error: say what to change in region "prod": e.g. --pool P, --ip-pool CIDR --gateway IP'],
    [['nope', '--pool', 'x'], 3, 'Error: Region "nope" is not configured.'],
    [['prod', '--gateway', '192.0.2.1'], 2, 'Error: --gateway describe the IP pool: give --ip-pool CIDR as well'],
    [
      ['prod', '--ip-pool', '192.0.2.0/24'],
      2,
      'Error: --ip-pool needs --gateway IP (the gateway guests of the pool use)',
    ],
    [['prod', '--vmid-range', '9-1'], 2, 'Error: --vmid-range'],
    [['prod', '--request-timeout', 'soon'], 2, 'Error: --request-timeout: "soon" is not a duration'],
    [['prod', '--repin', '--insecure'], 2, 'Error: --repin probes the certificate'],
  ])('%j: exit %i and nothing changed', async (args, code, message) => {
    const before = file();
    const r = await sh(args);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith(message)).toBe(true);
    expect(file()).toBe(before);
  });

  it('a new --fingerprint shows old and new; without a terminal it needs --yes (exit 2, unchanged)', async () => {
    const before = file();
    const shown =
      'Region "prod" (https://pve1.example.net:8006) is to trust a new certificate:\n' +
      `  old: ${OLD}\n  new: ${NEW}\n`;
    const refused = await sh(['prod', '--fingerprint', NEW.toLowerCase(), '--no-verify']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(shown);
    expect(refused.stderr).toContain('Add --yes to pin the fingerprint you passed.');
    expect(file()).toBe(before);
    const r = await sh(['prod', '--fingerprint', NEW, '--yes', '--no-verify']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(shown);
    expect(r.stderr).toContain(`Region "prod" changed:\n  fingerprint: ${OLD} -> ${NEW}\n`);
    expect(readConfig(dir)?.regions?.prod).toMatchObject({ fingerprint: NEW, tokenSecret: SECRET });
  });

  it('on a terminal it asks; no is exit 5 and unchanged, yes pins', async () => {
    const before = file();
    const no = scriptedPrompt({ confirm: [false] });
    expect((await sh(['prod', '--fingerprint', NEW, '--no-verify'], { tty: true, prompt: no })).code).toBe(5);
    expect(no.asked).toEqual(['Pin the new certificate for region "prod"?']);
    expect(file()).toBe(before);
    const yes = scriptedPrompt({ confirm: [true] });
    expect((await sh(['prod', '--fingerprint', NEW, '--no-verify'], { tty: true, prompt: yes })).code).toBe(0);
    expect(readConfig(dir)?.regions?.prod?.fingerprint).toBe(NEW);
  });

  it('a CA file without a certificate is refused; a new secret from stdin is saved, never printed', async () => {
    const ca = join(dir, 'ca.pem');
    writeFileSync(ca, 'not a certificate\n');
    const before = file();
    expect((await sh(['prod', '--ca-file', ca])).code).toBe(2);
    expect(file()).toBe(before);
    const r = await sh(['prod', '--token-secret-stdin', '--no-verify'], { stdin: 'new-secret-9999\n' });
    expect(r).toEqual({
      code: 0,
      stdout: '',
      stderr: 'Region "prod" changed:\n  tokenSecret: ******** -> ******** (new)\n',
    });
    expect(readConfig(dir)?.regions?.prod?.tokenSecret).toBe('new-secret-9999');
  });
});

describe('region set --repin (real HTTPS: the simulator has a certificate of its own)', () => {
  let sim: SimServer;
  beforeAll(async () => {
    sim = await startSim();
  });
  afterAll(() => sim.close());

  it("shows the old pin and the server's; without a terminal exit 2, no HTTP request; on one it asks", async () => {
    sim.sim.requestLog.length = 0;
    const real = (args: string[], opts: Parameters<typeof run>[1] = {}) =>
      run(['region', 'set', ...args], { env: { PVECTL_CONFIG_DIR: dir, NO_COLOR: '1' }, realTransport: true, ...opts });
    expect((await real(['prod', '--url', sim.url, '--yes', '--fingerprint', OLD, '--no-verify'])).code).toBe(0);
    const before = file();
    const refused = await real(['prod', '--repin', '--yes']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`  old: ${OLD}\n  new: ${sim.fingerprint}\n`);
    expect(refused.stderr).toContain(`pass --fingerprint ${sim.fingerprint} --yes`);
    expect(file()).toBe(before);
    expect(sim.sim.requestLog).toEqual([]);
    const prompt = scriptedPrompt({ confirm: [true] });
    expect((await real(['prod', '--repin', '--no-verify'], { tty: true, prompt })).code).toBe(0);
    expect(readConfig(dir)?.regions?.prod?.fingerprint).toBe(sim.fingerprint);
  });
  it('a new URL, token or trust is checked first: wrong secret exit 4, unchanged; the right one saves', async () => {
    const real = (args: string[], opts: Parameters<typeof run>[1] = {}) =>
      run(['region', 'set', 'prod', ...args], {
        env: { PVECTL_CONFIG_DIR: dir, NO_COLOR: '1' },
        realTransport: true,
        ...opts,
      });
    const { id, secret } = splitToken(sim.token);
    const to = ['--url', sim.url, '--token-id', id, '--fingerprint', sim.fingerprint, '--yes', '--token-secret-stdin'];
    const before = file();
    const wrong = await real(to, { stdin: 'wrong-secret' });
    expect(wrong.code).toBe(4);
    expect(wrong.stderr).toContain('Region "prod" was not saved.');
    expect(file()).toBe(before);
    const r = await real(to, { stdin: secret });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Connected to Proxmox VE`);
    expect(r.stderr).not.toContain(secret);
    expect(readConfig(dir)?.regions?.prod).toMatchObject({ url: sim.url, tokenId: id, fingerprint: sim.fingerprint });
    expect(readConfig(dir)?.regions?.prod?.tokenSecret).toBe(secret);
  });
});
