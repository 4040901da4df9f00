// The built pvectl against pvesim over HTTPS: add a region, give it prices, ask what guests cost.
// Needs `npm run build`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSchemaViolations, runCli, startSim, type SimServer } from '../helpers/sim.js';
import { splitToken } from '../commands/region/harness.js';

let sim: SimServer;
let dir: string;

beforeAll(async () => {
  sim = await startSim();
  dir = mkdtempSync(join(tmpdir(), 'pvectl-e2e-cost-'));
});
afterAll(async () => {
  expectNoSchemaViolations(sim);
  await sim.close();
});

const cli = (args: string[], input?: string) => runCli(args, { env: { PVECTL_CONFIG_DIR: dir }, input });

describe('cost, end to end', () => {
  it('region add, region pricing, then cost: a table with a TOTAL and JSON that adds up', async () => {
    const token = splitToken(sim.token);
    const add = await cli(
      [
        'region',
        'add',
        'lab',
        '--url',
        sim.url,
        '--token-id',
        token.id,
        '--token-secret-stdin',
        '--fingerprint',
        sim.fingerprint,
      ],
      `${token.secret}\n`,
    );
    expect(add.code, add.stderr).toBe(0);

    const before = sim.sim.requestLog.length;
    const none = await cli(['cost']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('pvectl region pricing lab --cpu-hour N');
    expect(sim.sim.requestLog.length).toBe(before);

    const pricing = await cli([
      'region',
      'pricing',
      'lab',
      '--currency',
      'eur',
      '--cpu-hour',
      '0.01',
      '--mem-gib-hour',
      '0.005',
      '--disk-gib-hour',
      '0.0001',
    ]);
    expect(pricing.code, pricing.stderr).toBe(0);
    expect(pricing.stdout).toContain('Per GiB disk-hour:    0.0001\n');

    const table = await cli(['cost', '--type', 'vm']);
    expect(table).toEqual({
      code: 0,
      stdout: [
        'VMID   NAME    TYPE  STATUS   CPUS   MEMORY      DISK    PER HOUR  PER MONTH',
        '100    web-1   qemu  running     2  2.0 GiB  32.0 GiB  0.0332 EUR  24.24 EUR',
        '101    web-2   qemu  running     2  2.0 GiB  32.0 GiB  0.0332 EUR  24.24 EUR',
        '102    db-1    qemu  stopped     4  4.0 GiB  64.0 GiB  0.0064 EUR   4.67 EUR',
        '103    ha-app  qemu  running     1  1.0 GiB  16.0 GiB  0.0166 EUR  12.12 EUR',
        'TOTAL                                                  0.0894 EUR  65.26 EUR',
        '',
      ].join('\n'),
      stderr: '',
    });

    const json = await cli(['cost', '-o', 'json']);
    expect(json.code, json.stderr).toBe(0);
    const rows = JSON.parse(json.stdout) as Array<{
      vmid: number;
      status: string;
      cpus: number;
      maxmem: number;
      maxdisk: number;
      hourly: number;
      monthly: number;
    }>;
    expect(rows.map((r) => r.vmid)).toEqual([100, 101, 102, 103, 200, 201]); // template 9000 left out
    const GiB = 1024 ** 3;
    for (const r of rows) {
      const disk = (r.maxdisk / GiB) * 0.0001;
      const expected = r.status === 'running' ? r.cpus * 0.01 + (r.maxmem / GiB) * 0.005 + disk : disk;
      expect(r.hourly).toBeCloseTo(expected, 12);
      expect(r.monthly).toBeCloseTo(expected * 730, 9);
    }
  });
});
