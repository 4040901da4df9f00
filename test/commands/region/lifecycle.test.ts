// A region's whole life, as a user types it: pvectl in-process with the real transport (undici, TLS,
// the pin) against pvesim over HTTPS. (It ran as 17 built-CLI processes; test/e2e/cost.test.ts and
// the shells keep the built binary adding and using regions.)
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSchemaViolations, startSim, type SimServer } from '../../helpers/sim.js';
import { configDir, runReal, splitToken } from './harness.js';

let sim: SimServer;
let dir: string;
let tokenId: string;
let secret: string;

beforeAll(async () => {
  sim = await startSim();
  ({ id: tokenId, secret } = splitToken(sim.token));
  dir = mkdtempSync(join(tmpdir(), 'pvectl-e2e-region-'));
});
afterAll(async () => {
  expectNoSchemaViolations(sim);
  await sim.close();
});

const cli = (args: string[], stdin?: string) => runReal(args, { env: { PVECTL_CONFIG_DIR: dir }, stdin });

describe('region, its whole life', () => {
  it(
    'add without a terminal and without a trust option: exit 2 ' + 'naming the options, nothing sent or saved',
    async () => {
      const r = await cli(
        ['region', 'add', 'lab', '--url', sim.url, '--token-id', tokenId, '--token-secret-stdin'],
        secret,
      );
      expect(r.code).toBe(2);
      for (const option of ['--fingerprint', '--ca-file', '--insecure']) expect(r.stderr).toContain(option);
      expect(r.stderr).toContain(sim.fingerprint);
      expect(sim.sim.requestLog).toEqual([]);
      expect((await cli(['region', 'list', '-o', 'json'])).stdout).toBe('[]\n');
    },
  );

  it('add with the pin and the secret on stdin: verified, saved 0600, current', async () => {
    const r = await cli(
      [
        'region',
        'add',
        'lab',
        '--url',
        sim.url,
        '--token-id',
        tokenId,
        '--token-secret-stdin',
        '--fingerprint',
        sim.fingerprint.replaceAll(':', '').toLowerCase(),
        '--node',
        'pve1',
      ],
      `${secret}\n`,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Connected to Proxmox VE 9.1.4');
    expect(r.stderr).toContain('Region "lab" added (TLS: pinned) and is now the current region.');
    const file = join(dir, 'config.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      currentRegion: 'lab',
      regions: {
        lab: { url: sim.url, tokenId, tokenSecret: secret, fingerprint: sim.fingerprint, defaults: { node: 'pve1' } },
      },
    });
  });

  it('list and show print no secret', async () => {
    const list = await cli(['region', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(
      new RegExp(
        `^NAME +URL +TOKEN ID +TRUST +CURRENT\\nlab +${sim.url.replaceAll('.', '\\.')} +root@pam!pvectl ` +
          `+pinned +\\*\\n$`,
      ),
    );
    const json = await cli(['region', 'list', '-o', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject([{ name: 'lab', trust: 'pinned', current: true }]);
    const show = await cli(['region', 'show', 'lab']);
    expect(show.stdout).toContain('Token secret:     ********');
    const yaml = await cli(['region', 'show', 'lab', '-o', 'yaml']);
    for (const out of [list, json, show, yaml]) expect(out.stdout + out.stderr).not.toContain(secret);
  });

  it('test: every check ok; --verbose logs calls without the secret', async () => {
    const r = await cli(['region', 'test', '--verbose']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^token +ok +authenticated as root@pam!pvectl$/m);
    expect(r.stdout).toMatch(/^PVE version +ok +9\.1\.4$/m);
    expect(r.stdout).not.toMatch(/FAIL/);
    expect(r.stderr).toContain('GET /version → 200');
    expect(r.stdout + r.stderr).not.toContain(secret);
  });

  it('a second region with --use, use, remove', async () => {
    const add = await cli(
      [
        'region',
        'add',
        'other',
        '--url',
        sim.url,
        '--token-id',
        tokenId,
        '--token-secret-stdin',
        '--fingerprint',
        sim.fingerprint,
        '--use',
      ],
      secret,
    );
    expect(add.code, add.stderr).toBe(0);
    expect(
      JSON.parse((await cli(['region', 'list', '-o', 'json'])).stdout).map((x: { name: string; current: boolean }) => [
        x.name,
        x.current,
      ]),
    ).toEqual([
      ['lab', false],
      ['other', true],
    ]);
    expect((await cli(['region', 'use', 'lab'])).code).toBe(0);
    const refused = await cli(['region', 'remove', 'other']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    expect((await cli(['region', 'remove', 'other', '--yes'])).code).toBe(0);
    expect((await cli(['region', 'list', '-o', 'id'])).stdout).toBe('lab\n');
    expect((await cli(['region', 'show', 'other'])).code).toBe(3);
  });

  it('the environment alone (CI): region test with PVECTL_URL, PVECTL_TOKEN and PVECTL_FINGERPRINT', async () => {
    const env = { PVECTL_URL: sim.url, PVECTL_TOKEN: sim.token, PVECTL_FINGERPRINT: sim.fingerprint };
    const r = await runReal(['region', 'test'], { env: { ...env, PVECTL_CONFIG_DIR: configDir() } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^quorum +ok +cluster/m);
  });
});
