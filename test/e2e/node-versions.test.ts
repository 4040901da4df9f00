// A user's first session with the built CLI over real HTTPS against pvesim, on the Node running the
// tests: help, the version, region add (refused without a terminal and a trust option, then pinned),
// api get, vm list as a table and JSON, vm create up to its IP, and a bulk start. CI runs it under
// Node 22 and 24 too (`npm run test:node-versions`, test/node-versions.config.ts) with
// PVECTL_TEST_NODE set to the major version it fetched, so a run on the wrong Node fails here.
// Needs `npm run build`.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSchemaViolations, runCli, startSim, type SimServer } from '../helpers/sim.js';
import { homeWithKey } from '../commands/create-helpers.js';
import { splitToken } from '../commands/region/harness.js';

let sim: SimServer;
let configDir: string;
let cache: string;
let home: string;
beforeAll(async () => {
  sim = await startSim({ taskMs: 200, guests: 10 });
  configDir = mkdtempSync(join(tmpdir(), 'pvectl-node-versions-'));
  cache = mkdtempSync(join(tmpdir(), 'pvectl-node-versions-cache-'));
  home = homeWithKey(); // vm create puts its public key into the guest
});
afterAll(async () => {
  expectNoSchemaViolations(sim);
  await sim.close();
  for (const dir of [configDir, cache, home]) rmSync(dir, { recursive: true, force: true });
});

/** pvectl with the stored region only: no PVECTL_URL/TOKEN from the environment. */
const cli = (args: string[], input?: string) =>
  runCli(args, { input, env: { PVECTL_CONFIG_DIR: configDir, XDG_CACHE_HOME: cache, HOME: home } });
const writes = () => sim.sim.requestLog.filter((l) => l.method !== 'GET');

describe(`the built CLI on Node ${process.version}`, () => {
  it('runs on the Node it was asked to (PVECTL_TEST_NODE), spawned with this process.execPath', async () => {
    const wanted = process.env.PVECTL_TEST_NODE;
    if (wanted) expect(process.versions.node.split('.')[0]).toBe(wanted);
    // the CLI names its code-cache directory after its own process.version (bin/compile-cache.js)
    const r = await cli(['region', 'list', '-o', 'json']);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '[]\n', '']);
    expect(readdirSync(join(cache, 'pvectl/v8'))).toEqual([`${process.version}-${process.arch}`]);
  });

  it('--help and --version', async () => {
    const help = await cli(['--help']);
    expect([help.code, help.stderr]).toEqual([0, '']);
    expect(help.stdout).toMatch(/^Usage: pvectl /);
    for (const noun of ['region', 'vm', 'ct', 'api']) expect(help.stdout).toContain(`\n  ${noun} `);
    const version = await cli(['--version']);
    expect([version.code, version.stdout, version.stderr]).toEqual([0, '0.1.0\n', '']);
  });

  it('region add without a terminal or a trust option: exit 2, no request; with --fingerprint: saved', async () => {
    const { id: tokenId, secret } = splitToken(sim.token);
    const add = ['region', 'add', 'lab', '--url', sim.url, '--token-id', tokenId, '--token-secret-stdin'];
    sim.sim.requestLog.length = 0;
    const refused = await cli(add, `${secret}\n`);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`--fingerprint ${sim.fingerprint}`);
    expect(sim.sim.requestLog).toEqual([]);
    expect(existsSync(join(configDir, 'config.json'))).toBe(false);

    const pinned = await cli([...add, '--fingerprint', sim.fingerprint], `${secret}\n`);
    expect(pinned.code, pinned.stderr).toBe(0);
    expect(writes()).toEqual([]);
  });

  it('api get, vm list as a table and as JSON, through the stored region', async () => {
    const api = await cli(['api', 'get', '/version']);
    expect(api.code, api.stderr).toBe(0);
    expect(JSON.parse(api.stdout)).toMatchObject({ release: expect.stringMatching(/^9\./) });
    const table = await cli(['vm', 'list', '--name', 'web-1']);
    expect([table.code, table.stderr]).toEqual([0, '']);
    expect(table.stdout).toMatch(/^VMID +NAME +STATUS +NODE .*\n100 +web-1 +running +pve1 /);
    const json = await cli(['vm', 'list', '-o', 'json']);
    const guests = JSON.parse(json.stdout) as { vmid: number; name: string }[];
    expect(guests.find((g) => g.vmid === 100)).toMatchObject({ name: 'web-1' });
  });

  it('vm create prints the new VM with its IP; a bulk start starts every stopped VM', async () => {
    const created = await cli(['vm', 'create', 'nv-1', '--os', 'debian-12', '--mem', '1G']);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/^VMID +NAME +NODE +STATUS +IP\n +\d+ +nv-1 +pve1 +running +10\.\d+\.\d+\.\d+\n$/);

    const stopped = async () => {
      const list = await cli(['vm', 'list', '-o', 'json']);
      const guests = JSON.parse(list.stdout) as { name: string; status: string; template: boolean }[];
      return guests.filter((g) => !g.template && g.status !== 'running').map((g) => g.name);
    };
    expect(await stopped()).toEqual(['db-1', 'vm-1002']);
    const start = await cli(['vm', 'start', '--all', '--parallel', '8']);
    expect([start.code, start.stderr]).toEqual([0, '']);
    expect(start.stdout).toMatch(/db-1/);
    expect(await stopped()).toEqual([]);
  });
});
