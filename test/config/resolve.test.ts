import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveRegion, resolveRegions, type ResolveInput } from '../../src/config/resolve.js';
import { openStore } from '../../src/config/store.js';
import { ExitCode, PvectlError, UsageError } from '../../src/errors.js';

const FP_A = 'AA:'.repeat(31) + 'AA';
const FP_B = 'BB:'.repeat(31) + 'BB';
const FP_C = 'CC:'.repeat(31) + 'CC';
const FILE_SECRET = 'file-secret-0000';
const ENV_SECRET = 'env-secret-1111';
const ENV_TOKEN = `ci@pve!deploy=${ENV_SECRET}`;

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pvectl-resolve-'));
  const store = await openStore({ PVECTL_CONFIG_DIR: dir });
  store.set('a', {
    url: 'https://a.example:8006',
    tokenId: 'root@pam!a1',
    tokenSecret: FILE_SECRET,
    fingerprint: FP_A,
    defaults: { node: 'pve1' },
  });
  store.set('b', {
    url: 'https://b.example:8006',
    tokenId: 'root@pam!b1',
    tokenSecret: FILE_SECRET,
    caFile: '/etc/b-ca.pem',
  });
  store.set('c', { url: 'https://c.example:8006', tokenId: 'root@pam!c1', tokenSecret: FILE_SECRET, insecure: true });
  store.use('a');
});

const input = (
  over: { flag?: string; env?: Record<string, string>; overrides?: ResolveInput['overrides'] } = {},
): ResolveInput => ({
  flag: over.flag,
  env: { PVECTL_CONFIG_DIR: dir, ...over.env },
  overrides: over.overrides ?? {},
});

async function usageError(p: Promise<unknown>): Promise<UsageError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UsageError);
  expect((err as PvectlError).exitCode).toBe(ExitCode.usage);
  return err as UsageError;
}

describe('precedence: --region > PVECTL_REGION > environment region > current region', () => {
  const table: Array<[string, Parameters<typeof input>[0], Record<string, unknown>]> = [
    [
      'file current region',
      {},
      { name: 'a', url: 'https://a.example:8006', tokenId: 'root@pam!a1', fingerprint: FP_A },
    ],
    ['PVECTL_REGION beats the current region', { env: { PVECTL_REGION: 'b' } }, { name: 'b', caFile: '/etc/b-ca.pem' }],
    ['--region beats PVECTL_REGION', { flag: 'c', env: { PVECTL_REGION: 'b' } }, { name: 'c', insecure: true }],
    ['empty PVECTL_REGION counts as unset', { env: { PVECTL_REGION: '' } }, { name: 'a' }],
    [
      'PVECTL_URL + PVECTL_TOKEN beat the current region',
      { env: { PVECTL_URL: 'https://ci.example:8006', PVECTL_TOKEN: ENV_TOKEN } },
      { name: 'env', url: 'https://ci.example:8006', tokenId: 'ci@pve!deploy', tokenSecret: ENV_SECRET, defaults: {} },
    ],
    [
      // the contract: a named region takes URL, token and trust from the config alone
      'a named region ignores PVECTL_URL: its stored token never goes to another URL',
      { env: { PVECTL_REGION: 'a', PVECTL_URL: 'https://a2.example:8006' } },
      {
        name: 'a',
        url: 'https://a.example:8006',
        tokenId: 'root@pam!a1',
        tokenSecret: FILE_SECRET,
        fingerprint: FP_A,
        defaults: { node: 'pve1' },
      },
    ],
    [
      '--region beats the environment region: the region as configured, token and all',
      { flag: 'b', env: { PVECTL_URL: 'https://ci.example:8006', PVECTL_TOKEN: ENV_TOKEN } },
      {
        name: 'b',
        url: 'https://b.example:8006',
        tokenId: 'root@pam!b1',
        tokenSecret: FILE_SECRET,
        caFile: '/etc/b-ca.pem',
      },
    ],
    [
      "a named region ignores PVECTL_FINGERPRINT (the file's insecure stays)",
      { flag: 'c', env: { PVECTL_FINGERPRINT: FP_B.replaceAll(':', '').toLowerCase() } },
      { name: 'c', url: 'https://c.example:8006', fingerprint: undefined, insecure: true },
    ],
    [
      "PVECTL_FINGERPRINT is the environment region's pin",
      {
        env: {
          PVECTL_URL: 'https://ci.example',
          PVECTL_TOKEN: ENV_TOKEN,
          PVECTL_FINGERPRINT: FP_B.replaceAll(':', ''),
        },
      },
      { name: 'env', fingerprint: FP_B, insecure: undefined },
    ],
    [
      'the current region ignores PVECTL_CA_FILE',
      { env: { PVECTL_CA_FILE: '/tmp/ca.pem' } },
      { name: 'a', caFile: undefined, fingerprint: FP_A },
    ],
    [
      "PVECTL_CA_FILE is the environment region's CA",
      { env: { PVECTL_URL: 'https://ci.example', PVECTL_TOKEN: ENV_TOKEN, PVECTL_CA_FILE: '/tmp/ca.pem' } },
      { name: 'env', caFile: '/tmp/ca.pem', fingerprint: undefined },
    ],
    [
      'the current region ignores PVECTL_INSECURE=1',
      { env: { PVECTL_INSECURE: '1' } },
      { name: 'a', insecure: undefined, fingerprint: FP_A },
    ],
    [
      'PVECTL_INSECURE=1 makes the environment region insecure',
      { env: { PVECTL_URL: 'https://ci.example', PVECTL_TOKEN: ENV_TOKEN, PVECTL_INSECURE: '1' } },
      { name: 'env', insecure: true, fingerprint: undefined },
    ],
    [
      'PVECTL_INSECURE=0 changes nothing',
      { env: { PVECTL_INSECURE: '0' } },
      { name: 'a', fingerprint: FP_A, insecure: undefined },
    ],
    [
      '--fingerprint beats PVECTL_CA_FILE',
      { env: { PVECTL_CA_FILE: '/tmp/ca.pem' }, overrides: { fingerprint: FP_C } },
      { name: 'a', fingerprint: FP_C, caFile: undefined },
    ],
    [
      '--insecure beats a pinned region',
      { overrides: { insecure: true } },
      { name: 'a', insecure: true, fingerprint: undefined },
    ],
    [
      '--ca-file beats PVECTL_INSECURE',
      { env: { PVECTL_INSECURE: '1' }, overrides: { caFile: '/x.pem' } },
      { name: 'a', caFile: '/x.pem', insecure: undefined },
    ],
    [
      '--fingerprint applies to the env region',
      {
        env: { PVECTL_URL: 'https://ci.example', PVECTL_TOKEN: ENV_TOKEN, PVECTL_INSECURE: '1' },
        overrides: { fingerprint: FP_C },
      },
      { name: 'env', url: 'https://ci.example:8006', fingerprint: FP_C, insecure: undefined },
    ],
    [
      "--region env picks the environment's region",
      { flag: 'env', env: { PVECTL_URL: 'https://ci.example:8006', PVECTL_TOKEN: ENV_TOKEN } },
      { name: 'env' },
    ],
  ];
  it.each(table)('%s', async (_label, over, expected) => {
    const region = await resolveRegion(input(over));
    for (const [key, value] of Object.entries(expected)) expect(region[key as keyof typeof region], key).toEqual(value);
  });
});

describe('environment only (CI)', () => {
  it('PVECTL_URL + PVECTL_TOKEN need no config file and create none', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'pvectl-none-')), 'not-there');
    const region = await resolveRegion({
      env: {
        PVECTL_CONFIG_DIR: missing,
        PVECTL_URL: 'pve.example.net/api2/json/',
        PVECTL_TOKEN: ENV_TOKEN,
        PVECTL_FINGERPRINT: FP_A,
      },
      overrides: {},
    });
    expect(region).toEqual({
      name: 'env',
      url: 'https://pve.example.net:8006',
      tokenId: 'ci@pve!deploy',
      tokenSecret: ENV_SECRET,
      fingerprint: FP_A,
      defaults: {},
    });
    expect(existsSync(missing)).toBe(false);
  });

  it('do not even read a corrupt config file', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'pvectl-broken-'));
    writeFileSync(join(broken, 'config.json'), '{ nope');
    const region = await resolveRegion({
      env: { PVECTL_CONFIG_DIR: broken, PVECTL_URL: 'https://h:8006', PVECTL_TOKEN: ENV_TOKEN },
      overrides: {},
    });
    expect(region.name).toBe('env');
  });

  it('splits PVECTL_TOKEN at the first "=" after the "!"', async () => {
    const region = await resolveRegion({
      env: { PVECTL_CONFIG_DIR: dir, PVECTL_URL: 'https://h', PVECTL_TOKEN: 'a=b@pve!tok=se=cret' },
      overrides: {},
    });
    expect(region).toMatchObject({ tokenId: 'a=b@pve!tok', tokenSecret: 'se=cret' });
  });
});

describe('fan-out', () => {
  it('--region all is every configured region, sorted', async () => {
    expect((await resolveRegions(input({ flag: 'all' }))).map((r) => r.name)).toEqual(['a', 'b', 'c']);
  });
  it('--region a,b is those, in that order, once each', async () => {
    expect((await resolveRegions(input({ flag: 'c, a,c' }))).map((r) => r.name)).toEqual(['c', 'a']);
  });
  it('applies --insecure to each, but refuses a pin meant for one cluster', async () => {
    expect((await resolveRegions(input({ flag: 'a,b', overrides: { insecure: true } }))).every((r) => r.insecure)).toBe(
      true,
    );
    const err = await usageError(resolveRegions(input({ flag: 'all', overrides: { fingerprint: FP_A } })));
    expect(err.message).toMatch(/cannot be used with several regions/);
  });
  it('never gives a URL or token from the environment to any of them', async () => {
    for (const env of [{ PVECTL_URL: 'https://x' }, { PVECTL_TOKEN: ENV_TOKEN }] as Record<string, string>[]) {
      const regions = await resolveRegions(input({ flag: 'all', env }));
      expect(regions.map((r) => [r.url, r.tokenSecret])).toEqual([
        ['https://a.example:8006', FILE_SECRET],
        ['https://b.example:8006', FILE_SECRET],
        ['https://c.example:8006', FILE_SECRET],
      ]);
    }
  });
  it('resolveRegion refuses several regions', async () => {
    expect((await usageError(resolveRegion(input({ flag: 'a,b' })))).message).toMatch(/one region/);
    expect((await usageError(resolveRegion(input({ env: { PVECTL_REGION: 'all' } })))).message).toMatch(
      /PVECTL_REGION "all"/,
    );
  });
});

describe('errors (exit 2, nothing sent)', () => {
  it('an unknown region lists the configured ones', async () => {
    const err = await usageError(resolveRegion(input({ flag: 'nope' })));
    expect(err.message).toBe('Unknown region "nope" (from --region).');
    expect(err.hint).toBe('Configured regions: a, b, c.');
    expect((await usageError(resolveRegions(input({ env: { PVECTL_REGION: 'a,x,y' } })))).message).toContain(
      '"x", "y" (from PVECTL_REGION)',
    );
  });

  it('no region at all says how to add one or use the environment', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'pvectl-empty-'));
    const err = await usageError(resolveRegion({ env: { PVECTL_CONFIG_DIR: empty }, overrides: {} }));
    expect(err.message).toContain('No region is configured');
    expect(err.hint).toContain('pvectl region add NAME --url');
    expect(err.hint).toContain('PVECTL_URL and PVECTL_TOKEN');
    expect(
      (await usageError(resolveRegions({ flag: 'all', env: { PVECTL_CONFIG_DIR: empty }, overrides: {} }))).hint,
    ).toContain('region add');
  });

  it('regions but no current one: says how to pick one', async () => {
    const d = mkdtempSync(join(tmpdir(), 'pvectl-nocur-'));
    (await openStore({ PVECTL_CONFIG_DIR: d })).set('x', {
      url: 'https://x:8006',
      tokenId: 'root@pam!xx',
      tokenSecret: 's',
    });
    const err = await usageError(resolveRegion({ env: { PVECTL_CONFIG_DIR: d }, overrides: {} }));
    expect(err.hint).toContain('pvectl region use NAME');
  });

  it('half of the environment pair says which half is missing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'pvectl-empty-'));
    expect(
      (await usageError(resolveRegion({ env: { PVECTL_CONFIG_DIR: empty, PVECTL_URL: 'https://h' }, overrides: {} })))
        .message,
    ).toBe('PVECTL_URL is set but PVECTL_TOKEN is not.');
    expect(
      (await usageError(resolveRegion({ env: { PVECTL_CONFIG_DIR: empty, PVECTL_TOKEN: ENV_TOKEN }, overrides: {} })))
        .message,
    ).toBe('PVECTL_TOKEN is set but PVECTL_URL is not.');
  });

  it('half of the environment pair never borrows the other half from the current region', async () => {
    // before: PVECTL_URL alone sent region a's stored token to that URL; PVECTL_TOKEN alone sent
    // the environment's token to a's URL
    const url = await usageError(resolveRegion(input({ env: { PVECTL_URL: 'https://other.example:8006' } })));
    expect(url.message).toBe('PVECTL_URL is set but PVECTL_TOKEN is not.');
    expect(url.hint).toContain('unset PVECTL_URL to use a configured region');
    const token = await usageError(resolveRegion(input({ env: { PVECTL_TOKEN: ENV_TOKEN } })));
    expect(token.message).toBe('PVECTL_TOKEN is set but PVECTL_URL is not.');
  });

  it.each([
    'ci@pve!deploy',
    'ci@pve=secret-xyz',
    'deploy=secret-xyz',
    'ci@pve!deploy=',
    'ci@!d=secret-xyz',
    '!x=secret-xyz',
  ])('a malformed PVECTL_TOKEN (%s) is named, its value never shown', async (token) => {
    const err = await usageError(
      resolveRegion({ env: { PVECTL_URL: 'https://h', PVECTL_TOKEN: token }, overrides: {} }),
    );
    expect(err.message).toMatch(/^PVECTL_TOKEN is malformed/);
    expect(`${err.message}${err.hint}`).not.toContain('secret-xyz');
  });

  it.each([
    ['PVECTL_URL', { PVECTL_URL: 'http://h:8006', PVECTL_TOKEN: ENV_TOKEN }, /PVECTL_URL must be an https:\/\/ URL/],
    ['PVECTL_FINGERPRINT', { PVECTL_FINGERPRINT: 'abc' }, /PVECTL_FINGERPRINT: invalid certificate fingerprint/],
    ['PVECTL_INSECURE', { PVECTL_INSECURE: 'maybe' }, /PVECTL_INSECURE="maybe" is not understood/],
  ])('a bad %s is named', async (_v, env, what) => {
    expect((await usageError(resolveRegion(input({ env })))).message).toMatch(what);
  });

  it('a bad --fingerprint is named', async () => {
    expect((await usageError(resolveRegion(input({ overrides: { fingerprint: 'zz' } })))).message).toMatch(
      /^--fingerprint: /,
    );
  });

  it('a current region that no longer exists is named with the file', async () => {
    const d = mkdtempSync(join(tmpdir(), 'pvectl-stale-'));
    writeFileSync(
      join(d, 'config.json'),
      JSON.stringify({
        currentRegion: 'gone',
        regions: { x: { url: 'https://x:8006', tokenId: 'root@pam!xx', tokenSecret: 's' } },
      }),
    );
    const err = await usageError(resolveRegion({ env: { PVECTL_CONFIG_DIR: d }, overrides: {} }));
    expect(err.message).toBe(`The current region "gone" (in ${join(d, 'config.json')}) is not configured.`);
  });
});

describe('a configured region says which environment variables it ignores', () => {
  const warned = async (over: Parameters<typeof input>[0]) => {
    const messages: string[] = [];
    await resolveRegions({ ...input(over), warn: (m) => messages.push(m) });
    return messages;
  };
  it('names them once, with what to use instead', async () => {
    const env = { PVECTL_URL: 'https://x.example:8006', PVECTL_TOKEN: ENV_TOKEN, PVECTL_INSECURE: '1' };
    expect(await warned({ flag: 'a', env })).toEqual([
      'PVECTL_URL, PVECTL_TOKEN, PVECTL_INSECURE are ignored: region "a" (from --region) comes from the ' +
        'config file, with its own URL, token and TLS trust (--fingerprint, --ca-file or --insecure change its trust).',
    ]);
    expect((await warned({ env: { PVECTL_CA_FILE: '/x.pem' } }))[0]).toMatch(
      /^PVECTL_CA_FILE is ignored: the current region "a" comes from the config file/,
    );
    expect(await warned({ flag: 'a,b', env: { PVECTL_FINGERPRINT: FP_A } })).toHaveLength(1);
  });
  it('says nothing when none is set, nor for the environment region', async () => {
    expect(await warned({ flag: 'a', env: { PVECTL_INSECURE: '0' } })).toEqual([]);
    expect(await warned({ env: { PVECTL_URL: 'https://x', PVECTL_TOKEN: ENV_TOKEN, PVECTL_INSECURE: '1' } })).toEqual(
      [],
    );
  });
});
