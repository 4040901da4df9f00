// region add through the in-process simulator (msw): flags, the secret, verification, saving.
// Trust on first use needs a real handshake: see add-tls.test.ts.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { run, SIM_URL, startInProcessSim, type InProcessSim } from '../../helpers/cli.js';
import { configDir, readConfig, scriptedPrompt, splitToken } from './harness.js';

const FP = 'ab'.repeat(32); // any pin: msw does not do TLS
const FP_NORMAL = 'AB:'.repeat(31) + 'AB';

let sim: InProcessSim;
let dir: string;
let token: { id: string; secret: string };
beforeAll(() => {
  sim = startInProcessSim();
  token = splitToken(sim.sim.token);
});
afterAll(() => sim.close());
beforeEach(() => {
  dir = configDir();
  sim.sim.requestLog.length = 0;
});

const env = () => ({ PVECTL_CONFIG_DIR: dir, NO_COLOR: '1' });
const add = (name: string, extra: string[] = [], opts: Parameters<typeof run>[1] = {}) =>
  run(['region', 'add', name, '--url', SIM_URL, '--token-id', token.id, '--fingerprint', FP, ...extra], {
    env: env(),
    ...opts,
  });

describe('region add', () => {
  it('reads the secret from stdin, verifies it with GET /version, saves, makes the first region current', async () => {
    const r = await add('lab', ['--token-secret-stdin'], { stdin: `${token.secret}\n` });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Connected to Proxmox VE 9.1.4');
    expect(r.stderr).toContain('Region "lab" added (TLS: pinned) and is now the current region.');
    expect(r.stderr).not.toContain(token.secret);
    expect(sim.sim.requestLog.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /version']);
    expect(readConfig(dir)).toEqual({
      currentRegion: 'lab',
      regions: { lab: { url: SIM_URL, tokenId: token.id, tokenSecret: token.secret, fingerprint: FP_NORMAL } },
    });
    expect(statSync(join(dir, 'config.json')).mode & 0o777).toBe(0o600);
  });

  it('a second region is not made current unless --use', async () => {
    await add('one', ['--token-secret-stdin'], { stdin: token.secret });
    await add('two', ['--token-secret-stdin'], { stdin: token.secret });
    expect(readConfig(dir)?.currentRegion).toBe('one');
    const r = await add('three', ['--token-secret-stdin', '--use'], { stdin: token.secret });
    expect(r.code).toBe(0);
    expect(readConfig(dir)?.currentRegion).toBe('three');
  });

  it('stores defaults, domain, IP pool and VMID range', async () => {
    const r = await add(
      'lab',
      [
        '--token-secret-stdin',
        '--node',
        'pve2',
        '--storage',
        'local-lvm',
        '--bridge',
        'vmbr1',
        '--pool',
        'dev',
        '--domain',
        'Lab.Example.NET',
        '--ip-pool',
        '192.0.2.0/24',
        '--gateway',
        '192.0.2.1',
        '--ip-range',
        '192.0.2.100-192.0.2.199',
        '--dns',
        '192.0.2.53, 9.9.9.9',
        '--vmid-range',
        '1000-1999',
      ],
      { stdin: token.secret },
    );
    expect(r.code).toBe(0);
    expect(readConfig(dir)?.regions?.lab).toMatchObject({
      defaults: { node: 'pve2', storage: 'local-lvm', bridge: 'vmbr1', pool: 'dev' },
      domain: 'lab.example.net',
      ipPool: {
        cidr: '192.0.2.0/24',
        gateway: '192.0.2.1',
        start: '192.0.2.100',
        end: '192.0.2.199',
        dns: ['192.0.2.53', '9.9.9.9'],
      },
      vmidRange: { min: 1000, max: 1999 },
    });
  });

  it('asks for the secret with a hidden prompt on a terminal', async () => {
    const prompt = scriptedPrompt({ secret: [token.secret] });
    const r = await add('lab', [], { tty: true, prompt });
    expect(r.code).toBe(0);
    expect(prompt.asked).toEqual([`Token secret for ${token.id}: `]);
    expect(readConfig(dir)?.regions?.lab?.tokenSecret).toBe(token.secret);
  });

  it('without a terminal and without --token-secret-stdin it refuses (exit 2), before any request', async () => {
    const r = await add('lab');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('No token secret');
    expect(r.stderr).toContain('--token-secret-stdin');
    expect(sim.sim.requestLog).toEqual([]);
    expect(readConfig(dir)).toBeNull();
  });

  it('never takes the secret from argv', async () => {
    const r = await add('lab', ['--token-secret', 'argv-secret-123']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--token-secret'/);
    expect(r.stderr).not.toContain('argv-secret-123');
    expect(readConfig(dir)).toBeNull();
  });

  it('a wrong secret is refused by the cluster: exit 4, nothing saved, the secret not shown', async () => {
    const r = await add('lab', ['--token-secret-stdin'], { stdin: 'wrong-secret-456' });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('was not saved');
    expect(r.stderr).toContain('--no-verify');
    expect(r.stderr).not.toContain('wrong-secret-456');
    expect(readConfig(dir)).toBeNull();
  });

  it('--no-verify saves without any request', async () => {
    const r = await add('lab', ['--token-secret-stdin', '--no-verify'], { stdin: 'unchecked' });
    expect(r.code).toBe(0);
    expect(sim.sim.requestLog).toEqual([]);
    expect(readConfig(dir)?.regions?.lab?.tokenSecret).toBe('unchecked');
  });

  it('refuses a region that exists', async () => {
    await add('lab', ['--token-secret-stdin'], { stdin: token.secret });
    const r = await add('lab', ['--token-secret-stdin'], { stdin: token.secret });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Region "lab" already exists');
    expect(r.stderr).toContain('pvectl region remove lab');
  });

  it.each([
    [['--url', 'http://pve:8006'], '--url must be an https:// URL'],
    [['--token-id', 'root@pam'], '--token-id "root@pam" is not an API token id'],
    [['--node', 'a b'], '--node "a b" is not a valid node name'],
    [['--domain', 'not a domain'], '--domain "not a domain" is not a DNS domain'],
    [['--ip-pool', '192.0.2.0/24'], '--ip-pool needs --gateway'],
    [['--gateway', '192.0.2.1'], '--gateway describe the IP pool'],
    [['--ip-pool', '192.0.2.0/33', '--gateway', '192.0.2.1'], '--ip-pool "192.0.2.0/33" is not a CIDR range'],
    [['--ip-pool', '192.0.2.0/24', '--gateway', '2001:db8::1'], '--gateway: 2001:db8::1 is IPv6 but --ip-pool is IPv4'],
    [
      ['--ip-pool', '192.0.2.0/24', '--gateway', '192.0.2.1', '--ip-range', '192.0.2.10-198.51.100.1'],
      '--ip-range: 198.51.100.1 is outside --ip-pool',
    ],
    [['--ip-pool', '192.0.2.0/24', '--gateway', '192.0.2.1', '--dns', 'x'], '--dns: "x" is not an IP address'],
    [['--ip-pool', '192.0.2.0/24', '--gateway', '198.51.100.1'], '--gateway: 198.51.100.1 is outside --ip-pool'],
    [['--ip-pool', '192.0.2.128/25', '--gateway', '192.0.2.1'], '--gateway: 192.0.2.1 is outside --ip-pool'],
    [['--ip-pool', '2001:db8:1::/64', '--gateway', '2001:db8:2::1'], '--gateway: 2001:db8:2::1 is outside --ip-pool'],
    [['--vmid-range', '2000-1000'], '--vmid-range "2000-1000" must be MIN-MAX'],
    [['--vmid-range', '5-10'], '--vmid-range "5-10" must be MIN-MAX'],
    [['--insecure'], '--fingerprint and --insecure exclude each other'],
  ])('refuses %j with exit 2 naming the flag, before anything is sent or saved', async (extra, message) => {
    // later flags win in commander, so a repeated --url/--token-id replaces the good one
    const r = await add('lab', ['--token-secret-stdin', ...extra], { stdin: token.secret });
    expect(r.stderr).toContain(message);
    expect(r.code).toBe(2);
    expect(sim.sim.requestLog).toEqual([]);
    expect(readConfig(dir)).toBeNull();
  });

  it.each([
    ['Prod', 'region name "Prod" is not valid'],
    ['all', 'region name "all" is reserved'],
    ['env', 'region name "env" is reserved'],
  ])('refuses the name %s', async (name, message) => {
    const r = await add(name, ['--token-secret-stdin'], { stdin: token.secret });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
