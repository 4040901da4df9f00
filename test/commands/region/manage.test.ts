// region list | show | use | remove: exact output for scripts and terminals, and secrets never printed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/config/store.js';
import { run } from '../../helpers/cli.js';
import { configDir, readConfig, scriptedPrompt } from './harness.js';

const SECRET_A = 'aaaa1111-secret-a';
const SECRET_B = 'bbbb2222-secret-b';
const FP = 'AB:'.repeat(31) + 'AB';
let dir: string;

beforeEach(async () => {
  dir = configDir();
  const store = await openStore({ PVECTL_CONFIG_DIR: dir });
  store.set('prod', {
    url: 'https://pve1.example.net:8006',
    tokenId: 'root@pam!pvectl',
    tokenSecret: SECRET_A,
    fingerprint: FP,
    defaults: { node: 'pve1' },
  });
  store.set('lab', {
    url: 'https://lab.example.net:8006',
    tokenId: 'ci@pve!lab',
    tokenSecret: SECRET_B,
    caFile: '/etc/pvectl/lab-ca.pem',
    domain: 'lab.example.net',
    ipPool: { cidr: '192.0.2.0/24', gateway: '192.0.2.1' },
    vmidRange: { min: 1000, max: 1999 },
  });
  store.set('dev', {
    url: 'https://dev:8006',
    tokenId: 'root@pam!dev',
    tokenSecret: 'dev-secret-3333',
    insecure: true,
  });
  store.set('cloud', {
    url: 'https://pve.cloud.example:8006',
    tokenId: 'root@pam!cc',
    tokenSecret: 'cloud-secret-4444',
  });
  store.use('prod');
});

const sh = (args: string[], opts: Parameters<typeof run>[1] = {}) =>
  run(args, { env: { PVECTL_CONFIG_DIR: dir, NO_COLOR: '1' }, ...opts });
const SECRETS = [SECRET_A, SECRET_B, 'dev-secret-3333', 'cloud-secret-4444'];

describe('region list', () => {
  it('prints a table with the trust kind and the current region marked', async () => {
    const r = await sh(['region', 'list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'NAME   URL                             TOKEN ID         TRUST     CURRENT',
        'cloud  https://pve.cloud.example:8006  root@pam!cc      system    -',
        'dev    https://dev:8006                root@pam!dev     insecure  -',
        'lab    https://lab.example.net:8006    ci@pve!lab       ca        -',
        'prod   https://pve1.example.net:8006   root@pam!pvectl  pinned    *',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('');
  });

  it('prints JSON objects without secrets', async () => {
    const r = await sh(['region', 'list', '-o', 'json']);
    const rows = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(rows.map((x) => x.name)).toEqual(['cloud', 'dev', 'lab', 'prod']);
    expect(rows[3]).toEqual({
      name: 'prod',
      url: 'https://pve1.example.net:8006',
      tokenId: 'root@pam!pvectl',
      trust: 'pinned',
      fingerprint: FP,
      caFile: null,
      current: true,
      defaults: { node: 'pve1' },
      domain: null,
      ipPool: null,
      vmidRange: null,
    });
    for (const row of rows) expect(Object.keys(row)).not.toContain('tokenSecret');
  });

  it.each(['table', 'wide', 'json', 'yaml', 'tsv', 'id'])(
    'never prints a secret (-o %s, also with --verbose)',
    async (format) => {
      const r = await sh(['region', 'list', '-o', format, '-v']);
      expect(r.code).toBe(0);
      for (const s of SECRETS) expect(r.stdout + r.stderr).not.toContain(s);
    },
  );

  it('with no regions: nothing on stdout, a hint on a terminal, [] as JSON', async () => {
    dir = configDir();
    const plain = await sh(['region', 'list']);
    expect(plain).toEqual({ code: 0, stdout: '', stderr: '' });
    const tty = await sh(['region', 'list'], { tty: true });
    expect(tty.stderr).toContain('pvectl region add NAME');
    expect((await sh(['region', 'list', '-o', 'json'])).stdout).toBe('[]\n');
  });

  it('a corrupt config file: exit 1 naming the file, which is left alone', async () => {
    const file = join(dir, 'config.json');
    writeFileSync(file, `{"regions": {"x": {"tokenSecret": "${SECRET_A}"`);
    const r = await sh(['region', 'list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Config file ${file} is not valid JSON`);
    expect(r.stderr).toContain(`mv ${file} ${file}.bak`);
    expect(r.stderr).not.toContain(SECRET_A);
  });
});

describe('region show', () => {
  it('masks the secret', async () => {
    const r = await sh(['region', 'show', 'lab']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Token secret:     ********\n');
    expect(r.stdout).toContain('IP pool:          192.0.2.0/24 gw 192.0.2.1\n');
    expect(r.stdout).toContain('VMID range:       1000-1999\n');
    const json = JSON.parse((await sh(['region', 'show', 'lab', '-o', 'json'])).stdout);
    expect(json).toMatchObject({
      name: 'lab',
      tokenSecret: '********',
      trust: 'ca',
      caFile: '/etc/pvectl/lab-ca.pem',
      current: false,
    });
  });

  it.each(['table', 'wide', 'json', 'yaml', 'tsv', 'id'])('never prints the secret (-o %s)', async (format) => {
    const r = await sh(['region', 'show', 'prod', '-o', format, '--verbose']);
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(SECRET_A);
  });

  it('an unknown region: exit 3 listing the configured ones', async () => {
    const r = await sh(['region', 'show', 'nope']);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('Error: Region "nope" is not configured.\nConfigured regions: cloud, dev, lab, prod.\n');
  });
});

describe('region use', () => {
  it('makes a region current', async () => {
    const r = await sh(['region', 'use', 'lab']);
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'Now using region "lab".\n' });
    expect(readConfig(dir)?.currentRegion).toBe('lab');
  });
  it('an unknown region: exit 3, nothing changed', async () => {
    const r = await sh(['region', 'use', 'nope']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('Configured regions: cloud, dev, lab, prod.');
    expect(readConfig(dir)?.currentRegion).toBe('prod');
  });
});

describe('region remove', () => {
  it('without a terminal it needs --yes (exit 2) and keeps the region', async () => {
    const r = await sh(['region', 'remove', 'lab']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Pass --yes');
    expect(readConfig(dir)?.regions?.lab).toBeDefined();
  });

  it('--yes removes it', async () => {
    const r = await sh(['region', 'remove', 'lab', '--yes']);
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'Region "lab" removed.\n' });
    expect(readConfig(dir)?.regions?.lab).toBeUndefined();
    expect(readConfig(dir)?.currentRegion).toBe('prod');
  });

  it('asks on a terminal; no keeps it, yes removes it', async () => {
    const no = scriptedPrompt({ confirm: [false] });
    expect((await sh(['region', 'rm', 'lab'], { tty: true, prompt: no })).code).toBe(0);
    expect(no.asked).toEqual([
      `Remove region "lab" (https://lab.example.net:8006) and its token from ${join(dir, 'config.json')}?`,
    ]);
    expect(readConfig(dir)?.regions?.lab).toBeDefined();
    const yes = scriptedPrompt({ confirm: [true] });
    expect((await sh(['region', 'rm', 'lab'], { tty: true, prompt: yes })).code).toBe(0);
    expect(readConfig(dir)?.regions?.lab).toBeUndefined();
  });

  it('removing the current region leaves none current and says how to pick one', async () => {
    const r = await sh(['region', 'remove', 'prod', '-y']);
    expect(r.stderr).toContain('pvectl region use NAME');
    expect(readConfig(dir)?.currentRegion).toBeUndefined();
    const next = await sh(['region', 'test']);
    expect(next.code).toBe(2);
    expect(next.stderr).toContain('No region selected');
  });

  it('an unknown region: exit 3', async () => {
    expect((await sh(['region', 'remove', 'nope', '--yes'])).code).toBe(3);
  });
});
