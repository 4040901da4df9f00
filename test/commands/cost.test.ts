// pvectl cost in-process against the simulator: exact tables, JSON checked by arithmetic, stopped
// guests billed for disk only, templates left out, filters, several regions, no price list.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import type { Pricing } from '../../src/config/types.js';
import { hourlyPrice } from '../../src/commands/cost/price.js';
import { roundTo } from '../../src/lib/money.js';
import { SIM_URL, run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';

let s: InProcessSim;
beforeEach(() => {
  s = startInProcessSim();
});
afterEach(() => s.close());

const GiB = 1024 ** 3;
const DOWN = 'https://down.test:8006';
const EUR: Pricing = { currency: 'EUR', cpuHour: 0.01, memGiBHour: 0.005, diskGiBHour: 0.0001 };

/** Writes config.json: each region → its URL and price list (or none). */
function configure(regions: Record<string, { url: string; pricing?: Pricing }>, current = Object.keys(regions)[0]) {
  const eq = s.sim.token.indexOf('=');
  const [tokenId, tokenSecret] = [s.sim.token.slice(0, eq), s.sim.token.slice(eq + 1)];
  const entries = Object.fromEntries(
    Object.entries(regions).map(([name, r]) => [
      name,
      { url: r.url, tokenId, tokenSecret, insecure: true, ...(r.pricing ? { pricing: r.pricing } : {}) },
    ]),
  );
  writeFileSync(
    join(s.env.PVECTL_CONFIG_DIR!, 'config.json'),
    JSON.stringify({ currentRegion: current, regions: entries }),
    { mode: 0o600 }, // as pvectl writes it: a wider mode is warned about
  );
  s.server.use(http.all(`${DOWN}/*`, () => HttpResponse.error()));
  return { PVECTL_CONFIG_DIR: s.env.PVECTL_CONFIG_DIR, NO_COLOR: '1' };
}

const oneRegion = () => configure({ home: { url: SIM_URL, pricing: EUR } });
const ids = (stdout: string) => stdout.trim().split('\n').filter(Boolean).map(Number);

// web-1: 2 × 0.01 + 2 × 0.005 + 32 × 0.0001 = 0.0332 an hour; db-1 (stopped): 64 × 0.0001 = 0.0064
const TABLE = [
  'VMID   NAME     TYPE  STATUS   CPUS     MEMORY      DISK    PER HOUR  PER MONTH',
  '100    web-1    qemu  running     2    2.0 GiB  32.0 GiB  0.0332 EUR  24.24 EUR',
  '101    web-2    qemu  running     2    2.0 GiB  32.0 GiB  0.0332 EUR  24.24 EUR',
  '102    db-1     qemu  stopped     4    4.0 GiB  64.0 GiB  0.0064 EUR   4.67 EUR',
  '103    ha-app   qemu  running     1    1.0 GiB  16.0 GiB  0.0166 EUR  12.12 EUR',
  '200    dns-1    lxc   running     1  512.0 MiB   8.0 GiB  0.0133 EUR   9.71 EUR',
  '201    cache-1  lxc   stopped     1    1.0 GiB   8.0 GiB  0.0008 EUR   0.58 EUR',
  'TOTAL                                                     0.1035 EUR  75.56 EUR',
  '',
].join('\n');

interface Row {
  region: string;
  vmid: number;
  name: string;
  type: string;
  status: string;
  cpus: number | null;
  maxmem: number | null;
  maxdisk: number | null;
  hourly: number | null;
  monthly: number | null;
  currency: string;
}

describe('cost: one region', () => {
  it('prints every guest but templates with its price, and a TOTAL line, from one API call', async () => {
    const r = await run(['cost'], { env: oneRegion() });
    expect(r).toEqual({ code: 0, stdout: TABLE, stderr: '' });
    expect(s.sim.requestLog.map((l) => `${l.method} ${l.path}`)).toEqual(['GET /cluster/resources']);
    expect(s.sim.requestLog[0]!.params).toMatchObject({ type: 'vm' });
  });

  it('on a terminal: the same table with the status coloured, the TOTAL line plain', async () => {
    const { NO_COLOR: _, ...env } = oneRegion();
    const r = await run(['cost'], { env, tty: true });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[1]).toBe(
      '100    web-1    qemu  \u001b[32mrunning\u001b[39m     2    2.0 GiB  32.0 GiB  0.0332 EUR  24.24 EUR',
    );
    expect(lines[7]).toBe(TABLE.split('\n')[7]);
    expect(r.stdout.replace(/\u001b\[\d+m/g, '')).toBe(TABLE);
  });

  it('JSON: raw numbers that add up; stopped guests pay for their disk only; no total row', async () => {
    const r = await run(['cost', '-o', 'json'], { env: oneRegion() });
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as Row[];
    expect(rows.map((x) => x.vmid)).toEqual([100, 101, 102, 103, 200, 201]);
    expect(Object.keys(rows[0]!)).toEqual([
      'region',
      'vmid',
      'name',
      'type',
      'status',
      'cpus',
      'maxmem',
      'maxdisk',
      'hourly',
      'monthly',
      'currency',
    ]);
    expect(rows[0]).toMatchObject({
      region: 'home',
      name: 'web-1',
      type: 'qemu',
      status: 'running',
      cpus: 2,
      maxmem: 2 * GiB,
      maxdisk: 32 * GiB,
      currency: 'EUR',
    });
    for (const g of rows) {
      const disk = (g.maxdisk! / GiB) * EUR.diskGiBHour!;
      const compute = g.cpus! * EUR.cpuHour! + (g.maxmem! / GiB) * EUR.memGiBHour!;
      const expected = g.status === 'running' ? compute + disk : disk;
      expect(g.hourly, `${g.name}`).toBeCloseTo(expected, 12);
      expect(g.monthly, `${g.name}`).toBeCloseTo(expected * 730, 9);
    }
    const db1 = rows.find((g) => g.name === 'db-1')!;
    expect(db1).toMatchObject({ status: 'stopped', hourly: 0.0064, monthly: 4.672 });
    expect(rows.find((g) => g.name === 'cache-1')).toMatchObject({ status: 'stopped', hourly: 0.0008, monthly: 0.584 });
    // float noise is gone: what a script prints is what a person would write
    expect(rows[0]).toMatchObject({ hourly: 0.0332, monthly: 24.236 });
  });

  it('yaml carries the same array; tsv raw numbers; id VMIDs; none of them a TOTAL', async () => {
    const env = oneRegion();
    const yaml = await run(['cost', '-o', 'yaml'], { env });
    expect(yaml.stdout).toMatch(/^- region: home\n {2}vmid: 100\n/);
    expect(yaml.stdout).not.toContain('TOTAL');
    const tsv = await run(['cost', '-o', 'tsv', '--columns', 'vmid,status,hourly,monthly,currency'], { env });
    expect(tsv.stdout).toBe(
      [
        'vmid\tstatus\thourly\tmonthly\tcurrency',
        '100\trunning\t0.0332\t24.236\tEUR',
        '101\trunning\t0.0332\t24.236\tEUR',
        '102\tstopped\t0.0064\t4.672\tEUR',
        '103\trunning\t0.0166\t12.118\tEUR',
        '200\trunning\t0.0133\t9.709\tEUR',
        '201\tstopped\t0.0008\t0.584\tEUR',
        '',
      ].join('\n'),
    );
    expect((await run(['cost', '-o', 'id'], { env })).stdout).toBe('100\n101\n102\n103\n200\n201\n');
  });

  it('--columns puts TOTAL in the first column picked; --no-headers drops header and TOTAL alike', async () => {
    const env = oneRegion();
    expect((await run(['cost', '--columns', 'name,monthly', '--type', 'ct'], { env })).stdout).toBe(
      'NAME     PER MONTH\ndns-1     9.71 EUR\ncache-1   0.58 EUR\nTOTAL    10.29 EUR\n',
    );
    expect((await run(['cost', '--columns', 'vmid,name', '--type', 'ct'], { env })).stdout).toBe(
      'VMID   NAME\n200    dns-1\n201    cache-1\nTOTAL\n',
    );
    expect((await run(['cost', '--columns', 'name,hourly', '--no-headers', '--type', 'ct'], { env })).stdout).toBe(
      'dns-1    0.0133 EUR\ncache-1  0.0008 EUR\n',
    );
  });

  it.each([
    [
      ['--tag', 'prod'],
      [100, 101],
    ],
    [['--tag', 'PROD', '--tag', 'web', '--node', 'pve2'], [101]],
    [['--pool', 'prod'], [100]],
    [
      ['--node', 'pve1'],
      [100, 102, 200],
    ],
    [
      ['--type', 'vm'],
      [100, 101, 102, 103],
    ],
    [
      ['--type', 'ct'],
      [200, 201],
    ],
    [['--type', 'ct', '--pool', 'dev'], [201]],
    [['--sort=-monthly'], [100, 101, 103, 200, 102, 201]],
    [
      ['--sort', 'name'],
      [201, 102, 200, 103, 100, 101],
    ],
  ])('cost %j → %j', async (flags, expected) => {
    const r = await run(['cost', ...flags, '-o', 'id'], { env: oneRegion() });
    expect(r.code, r.stderr).toBe(0);
    expect(ids(r.stdout)).toEqual(expected);
  });

  it('filters: the TOTAL adds up what is shown', async () => {
    const r = await run(['cost', '--type', 'vm', '--columns', 'vmid,hourly,monthly'], { env: oneRegion() });
    expect(r.stdout.split('\n').at(-2)).toBe('TOTAL  0.0894 EUR  65.26 EUR');
  });

  it('nothing matches: exit 0, no output', async () => {
    expect(await run(['cost', '--tag', 'nope'], { env: oneRegion() })).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await run(['cost', '--tag', 'nope', '-o', 'json'], { env: oneRegion() })).stdout).toBe('[]\n');
  });

  it('a guest on an offline node: cost unknown, "-" in the table, null in JSON, left out of the total', async () => {
    s.sim.setNodeOnline('pve3', false);
    const env = oneRegion();
    const r = await run(['cost', '--type', 'vm'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'VMID   NAME   TYPE  STATUS   CPUS   MEMORY      DISK    PER HOUR  PER MONTH',
        '100    web-1  qemu  running     2  2.0 GiB  32.0 GiB  0.0332 EUR  24.24 EUR',
        '101    web-2  qemu  running     2  2.0 GiB  32.0 GiB  0.0332 EUR  24.24 EUR',
        '102    db-1   qemu  stopped     4  4.0 GiB  64.0 GiB  0.0064 EUR   4.67 EUR',
        '103    -      qemu  unknown     -        -         -           -          -',
        'TOTAL                                                 0.0728 EUR  53.14 EUR',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe(
      'Warning: 1 guest is on an offline node: size and state unknown, so is the cost (left out of the total)\n',
    );
    const json = JSON.parse((await run(['cost', '-o', 'json', '--node', 'pve3'], { env })).stdout) as Row[];
    expect(json).toEqual([
      {
        region: 'home',
        vmid: 103,
        name: '',
        type: 'qemu',
        status: 'unknown',
        cpus: null,
        maxmem: null,
        maxdisk: null,
        hourly: null,
        monthly: null,
        currency: 'EUR',
      },
    ]);
  });

  it('bad --sort, --type or --columns: exit 2, nothing sent', async () => {
    const env = oneRegion();
    for (const [args, message] of [
      [['cost', '--sort', 'price'], /--sort: unknown field "price"; valid fields: region, vmid, .*hourly, monthly/],
      [['cost', '--type', 'vz'], /--type: "vz" is not one of vm, ct/],
      [['cost', '--columns', 'vmid,cost'], /--columns: unknown column "cost"/],
    ] as const) {
      const r = await run([...args], { env });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
    expect(s.sim.requestLog).toEqual([]);
  });
});

describe('cost: price lists', () => {
  it('no region has one: exit 2 with the command that sets one, before any request', async () => {
    const env = configure({ home: { url: SIM_URL } });
    const r = await run(['cost'], { env });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'Error: Region "home" has no price list, so pvectl cannot say what its guests cost.\n' +
        'Set one with: pvectl region pricing home --cpu-hour N --mem-gib-hour N --disk-gib-hour N --currency EUR\n',
    });
    const all = await run(['cost', '--region', 'all'], { env: configure({ a: { url: SIM_URL }, b: { url: DOWN } }) });
    expect(all.code).toBe(2);
    expect(all.stderr).toContain('None of the regions "a", "b" has a price list');
    expect(all.stderr).toContain('pvectl region pricing b --cpu-hour N');
    expect(s.sim.requestLog).toEqual([]);
  });

  it('a region from PVECTL_URL alone has none: exit 2 saying where prices live, nothing sent', async () => {
    const r = await run(['cost'], { env: s.env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Error: Region "env" has no price list');
    expect(r.stderr).toContain("prices live with a configured region. Add it with 'pvectl region add NAME …'");
    expect(s.sim.requestLog).toEqual([]);
  });

  it('a region without one is a warning naming the command; only priced regions are asked', async () => {
    const env = configure({ east: { url: SIM_URL, pricing: EUR }, west: { url: DOWN } });
    const r = await run(['cost', '--region', 'all', '--type', 'ct'], { env });
    expect(r).toEqual({
      code: 0,
      stdout: [
        'REGION  VMID  NAME     TYPE  STATUS   CPUS     MEMORY     DISK    PER HOUR  PER MONTH',
        'east    200   dns-1    lxc   running     1  512.0 MiB  8.0 GiB  0.0133 EUR   9.71 EUR',
        'east    201   cache-1  lxc   stopped     1    1.0 GiB  8.0 GiB  0.0008 EUR   0.58 EUR',
        'TOTAL                                                           0.0141 EUR  10.29 EUR',
        '',
      ].join('\n'),
      stderr:
        'Warning: region "west" has no price list, so its guests are left out. ' +
        'Set one with: pvectl region pricing west --cpu-hour N --mem-gib-hour N --disk-gib-hour N --currency EUR\n',
    });
    expect(s.sim.requestLog).toHaveLength(1);
  });

  it('two regions in parallel, one unreachable: a warning, the other is costed, exit 0', async () => {
    const env = configure({ east: { url: SIM_URL, pricing: EUR }, west: { url: DOWN, pricing: EUR } });
    const r = await run(['cost', '--region', 'east,west', '-o', 'id', '--type', 'ct'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('200\n201\n');
    expect(r.stderr).toMatch(/^Warning: region "west" is left out: .+\n$/);
  });

  it('regions with different currencies: one TOTAL line per currency', async () => {
    const chf: Pricing = { currency: 'CHF', cpuHour: 0.02 };
    const env = configure({ east: { url: SIM_URL, pricing: EUR }, west: { url: SIM_URL, pricing: chf } });
    const r = await run(['cost', '--region', 'all', '--type', 'ct', '--sort', 'region'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(
      [
        'REGION  VMID  NAME     TYPE  STATUS   CPUS     MEMORY     DISK    PER HOUR  PER MONTH',
        'east    200   dns-1    lxc   running     1  512.0 MiB  8.0 GiB  0.0133 EUR   9.71 EUR',
        'east    201   cache-1  lxc   stopped     1    1.0 GiB  8.0 GiB  0.0008 EUR   0.58 EUR',
        'west    200   dns-1    lxc   running     1  512.0 MiB  8.0 GiB  0.0200 CHF  14.60 CHF',
        'west    201   cache-1  lxc   stopped     1    1.0 GiB  8.0 GiB  0.0000 CHF   0.00 CHF',
        'TOTAL                                                           0.0200 CHF  14.60 CHF',
        'TOTAL                                                           0.0141 EUR  10.29 EUR',
        '',
      ].join('\n'),
    );
  });
});

describe('cost: help', () => {
  it('is a noun of pvectl, and its help says how stopped guests are billed', async () => {
    expect((await run(['--help'])).stdout).toMatch(/^ {2}cost +what guests cost/m);
    const help = await run(['cost', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('stopped ones, as in public clouds, for their disk only');
    expect(help.stdout).toContain('A month is 730 hours.');
  });
});

describe('hourlyPrice', () => {
  const g = { cpus: 2, maxmem: 4 * GiB, maxdisk: 100 * GiB };
  it.each([
    ['running', 0.02 + 0.02 + 0.01],
    ['paused', 0.02 + 0.02 + 0.01],
    ['stopped', 0.01],
    ['suspended', 0.01],
    ['unknown', null],
  ] as const)('%s → %s', (status, expected) => {
    const price = hourlyPrice({ ...g, status }, EUR);
    if (expected === null) expect(price).toBeNull();
    else expect(price).toBeCloseTo(expected, 12);
  });

  it('an unpriced resource costs nothing whatever its size; a priced one of unknown size is unknown', () => {
    expect(
      hourlyPrice({ status: 'running', cpus: 2, maxmem: null, maxdisk: null }, { currency: 'EUR', cpuHour: 1 }),
    ).toBe(2);
    expect(hourlyPrice({ status: 'running', cpus: null, maxmem: GiB, maxdisk: GiB }, EUR)).toBeNull();
    expect(hourlyPrice({ status: 'stopped', cpus: null, maxmem: null, maxdisk: 10 * GiB }, EUR)).toBeCloseTo(0.001, 12);
  });

  it('amounts round half up on their decimal value', () => {
    expect(roundTo(75.555, 2)).toBe(75.56);
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(0.00004, 4)).toBe(0);
    expect(roundTo(1e-7, 4)).toBe(0);
  });
});
