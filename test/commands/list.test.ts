import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { SIM_URL, run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';

let s: InProcessSim;
beforeEach(() => {
  s = startInProcessSim();
});
afterEach(() => s.close());

const VM_TABLE = [
  'VMID  NAME             STATUS    NODE  CPUS   MEMORY      DISK   UPTIME  TAGS',
  '100   web-1            running   pve1     2  2.0 GiB  32.0 GiB  26d 16h  prod,web',
  '101   web-2            running   pve2     2  2.0 GiB  32.0 GiB  20d 16h  prod,web',
  '102   db-1             stopped   pve1     4  4.0 GiB  64.0 GiB        -  db',
  '103   ha-app           running   pve3     1  1.0 GiB  16.0 GiB  17d 12h  ha',
  '9000  debian-12-cloud  template  pve1     2  2.0 GiB   3.0 GiB        -  os-debian,os-debian-12',
  '',
].join('\n');

const ids = (stdout: string) => stdout.trim().split('\n').filter(Boolean).map(Number);

describe('vm list output', () => {
  it('prints an aligned table without colour when stdout is not a TTY, from one API call', async () => {
    const r = await run(['vm', 'list'], { env: s.env });
    expect(r).toEqual({ code: 0, stdout: VM_TABLE, stderr: '' });
    expect(s.sim.requestLog.map((l) => `${l.method} ${l.path}`)).toEqual(['GET /cluster/resources']);
    expect(s.sim.requestLog[0]!.params).toMatchObject({ type: 'vm' });
  });

  it('does not truncate a pipe, however narrow the terminal says it is', async () => {
    expect((await run(['vm', 'list'], { env: s.env, columns: 30 })).stdout).toBe(VM_TABLE);
  });

  it('colours the status on a TTY', async () => {
    const { NO_COLOR: _, ...env } = s.env;
    const r = await run(['vm', 'list'], { env, tty: true });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[1]).toBe(
      '100   web-1            \u001b[32mrunning\u001b[39m   pve1     2  2.0 GiB  32.0 GiB  26d 16h  prod,web',
    );
    expect(lines[3]).toBe(
      '102   db-1             \u001b[90mstopped\u001b[39m   pve1     4  4.0 GiB  64.0 GiB        -  db',
    );
    expect(r.stdout.replace(/\u001b\[\d+m/g, '')).toBe(VM_TABLE);
    // --no-color and NO_COLOR switch it off
    expect((await run(['vm', 'list', '--no-color'], { env, tty: true })).stdout).toBe(VM_TABLE);
  });

  it('truncates over-long cells to the terminal width on a TTY', async () => {
    const r = await run(['vm', 'list'], { env: s.env, tty: true, columns: 80 });
    expect(r.stdout).toBe(
      [
        'VMID  NAME         STATUS    NODE  CPUS   MEMORY      DISK   UPTIME  TAGS',
        '100   web-1        running   pve1     2  2.0 GiB  32.0 GiB  26d 16h  prod,web',
        '101   web-2        running   pve2     2  2.0 GiB  32.0 GiB  20d 16h  prod,web',
        '102   db-1         stopped   pve1     4  4.0 GiB  64.0 GiB        -  db',
        '103   ha-app       running   pve3     1  1.0 GiB  16.0 GiB  17d 12h  ha',
        '9000  debian-12-…  template  pve1     2  2.0 GiB   3.0 GiB        -  os-debian,…',
        '',
      ].join('\n'),
    );
  });

  it('-o wide adds CPU%, MEM USED, POOL, LOCK, HA and TEMPLATE', async () => {
    const r = await run(['vm', 'list', '-o', 'wide'], { env: s.env });
    const [header, web1, , , haApp, template] = r.stdout.split('\n');
    expect(header).toBe(
      'VMID  NAME             STATUS    NODE  CPUS   MEMORY      DISK   UPTIME  TAGS                    CPU% ' +
        '  MEM USED  POOL  LOCK  HA       TEMPLATE',
    );
    expect(web1).toMatch(/^100 .* prod,web +\d+% +[\d.]+ [KMG]iB  prod  -     -        no$/);
    expect(haApp).toMatch(/  ha +\d+% +[\d.]+ [KMG]iB  -     -     started  no$/);
    expect(template).toMatch(/ 0%        0 B  -     -     -        yes$/);
  });

  it('--columns picks and orders columns; --no-headers drops the header', async () => {
    const r = await run(['vm', 'list', '--columns', 'name,vmid,pool', '--no-headers'], { env: s.env });
    expect(r.stdout).toBe(
      'web-1            100   prod\nweb-2            101   -\ndb-1             102   -\nha-app           103 ' +
        '  -\ndebian-12-cloud  9000  -\n',
    );
  });

  it('tsv carries raw numbers and comma-joined tags', async () => {
    const r = await run(['vm', 'list', '-o', 'tsv', '--columns', 'vmid,maxmem,maxdisk,tags,template,pool'], {
      env: s.env,
    });
    expect(r.stdout).toBe(
      [
        'vmid\tmaxmem\tmaxdisk\ttags\ttemplate\tpool',
        '100\t2147483648\t34359738368\tprod,web\tfalse\tprod',
        '101\t2147483648\t34359738368\tprod,web\tfalse\t',
        '102\t4294967296\t68719476736\tdb\tfalse\t',
        '103\t1073741824\t17179869184\tha\tfalse\t',
        '9000\t2147483648\t3221225472\tos-debian,os-debian-12\ttrue\t',
        '',
      ].join('\n'),
    );
  });

  it('json has the contract fields with their types, for VMs and CTs', async () => {
    const vms = JSON.parse((await run(['vm', 'list', '-o', 'json'], { env: s.env })).stdout) as Record<
      string,
      unknown
    >[];
    expect(vms.map((g) => g.vmid)).toEqual([100, 101, 102, 103, 9000]);
    const cts = JSON.parse((await run(['ct', 'list', '-o', 'json'], { env: s.env })).stdout) as Record<
      string,
      unknown
    >[];
    expect(cts.map((g) => [g.vmid, g.name, g.type, g.status])).toEqual([
      [200, 'dns-1', 'lxc', 'running'],
      [201, 'cache-1', 'lxc', 'stopped'],
    ]);
    for (const g of [...vms, ...cts]) {
      expect(Object.keys(g)).toEqual(
        expect.arrayContaining([
          'vmid',
          'name',
          'type',
          'node',
          'status',
          'cpus',
          'maxmem',
          'maxdisk',
          'mem',
          'disk',
          'cpu',
          'uptime',
          'tags',
          'template',
          'pool',
          'lock',
          'region',
        ]),
      );
      for (const k of ['vmid', 'cpus', 'maxmem', 'maxdisk', 'mem', 'disk', 'cpu', 'uptime'])
        expect(typeof g[k]).toBe('number');
      expect(Array.isArray(g.tags)).toBe(true);
      expect(typeof g.template).toBe('boolean');
      expect(g.region).toBe('env');
      expect(g.cpu as number).toBeLessThanOrEqual(1);
    }
    expect(vms[0]).toMatchObject({
      name: 'web-1',
      node: 'pve1',
      maxmem: 2147483648,
      tags: ['prod', 'web'],
      pool: 'prod',
      lock: null,
      template: false,
    });
    expect(vms[4]).toMatchObject({ vmid: 9000, template: true, status: 'stopped', pool: null });
  });

  it('yaml prints the same data', async () => {
    const r = await run(['ct', 'list', '-o', 'yaml', '--name', 'dns-*'], { env: s.env });
    expect(r.stdout).toMatch(/^- vmid: 200\n  name: dns-1\n  type: lxc\n  node: pve1\n  status: running\n/);
    expect(r.stdout).toContain('\n  tags:\n    - infra\n  template: false\n  pool: null\n  lock: null\n');
  });
});

describe('vm list filters and sort', () => {
  const list = async (...args: string[]) => {
    const r = await run(['vm', 'list', '-o', 'id', ...args], { env: s.env });
    expect(r.code).toBe(0);
    return ids(r.stdout);
  };

  it.each([
    [
      ['--node', 'pve1'],
      [100, 102, 9000],
    ],
    [
      ['--status', 'running'],
      [100, 101, 103],
    ],
    [['--status', 'stopped', '--node', 'pve1'], [102]],
    [['--status', 'template'], [9000]],
    [
      ['--tag', 'prod'],
      [100, 101],
    ],
    [
      ['--tag', 'PROD', '--tag', 'web'],
      [100, 101],
    ],
    [['--tag', 'prod', '--tag', 'db'], []],
    [['--pool', 'prod'], [100]],
    [
      ['--name', 'web-*'],
      [100, 101],
    ],
    [
      ['--name', '*-?'],
      [100, 101, 102],
    ],
    [['--name', 'WEB-*'], []],
    [
      ['--sort', 'name'],
      [102, 9000, 103, 100, 101],
    ],
    [
      ['--sort', '-maxdisk'],
      [102, 100, 101, 103, 9000],
    ],
    [
      ['--sort', 'maxmem'],
      [103, 100, 101, 9000, 102],
    ],
    // --sort=-vmid, not --sort -vmid: commander would read -v (verbose) out of "-vmid"
    [
      ['--sort=-vmid', '--status', 'running'],
      [103, 101, 100],
    ],
    [
      ['--sort=-status', '--name', '*-1'],
      [102, 100],
    ],
  ])('%j → %j', async (args, expected) => {
    expect(await list(...args)).toEqual(expected);
  });

  it('an empty result is success: nothing on stdout, a note on stderr only on a TTY', async () => {
    expect(await run(['vm', 'list', '--name', 'nope*'], { env: s.env })).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await run(['vm', 'list', '--name', 'nope*'], { env: s.env, tty: true })).toEqual({
      code: 0,
      stdout: '',
      stderr: 'No VMs match.\n',
    });
    expect(await run(['vm', 'list', '--name', 'nope*', '-o', 'json'], { env: s.env, tty: true })).toEqual({
      code: 0,
      stdout: '[]\n',
      stderr: '',
    });
  });

  it.each([
    [
      ['--columns', 'vmid,colour'],
      '--columns: unknown column "colour"; valid columns: region, vmid, name, status, node, cpus, maxmem, ' +
        'maxdisk, uptime, tags, cpu, mem, pool, lock, hastate, template, type',
    ],
    [
      ['--sort', 'size'],
      '--sort: unknown field "size"; valid fields: vmid, name, type, node, status, cpus, maxmem, maxdisk, ' +
        'mem, disk, cpu, uptime, tags, template, pool, lock, hastate, region (descending: --sort=-FIELD)',
    ],
    [
      ['--status', 'sleeping'],
      '--status: "sleeping" is not one of running, stopped, paused, suspended, unknown, template',
    ],
  ])('%j is a usage error (exit 2) and nothing is sent', async (args, message) => {
    const r = await run(['vm', 'list', ...args], { env: s.env });
    expect(r).toEqual({ code: 2, stdout: '', stderr: `Error: ${message}\n` });
    expect(s.sim.requestLog).toEqual([]);
  });
});

describe('the quirky listing', () => {
  it('a guest on an offline node shows "-" and unknown, and nulls in JSON, never NaN', async () => {
    s.sim.setNodeOnline('pve3', false);
    const table = await run(['vm', 'list', '-o', 'wide'], { env: s.env });
    expect(table.code).toBe(0);
    expect(table.stdout).not.toMatch(/NaN|undefined/);
    expect(table.stdout.split('\n')[4]).toBe(
      '103   -                unknown   pve3     -        -         -        -  ha                         - ' +
        '         -  -     -     started  no',
    );
    const json = JSON.parse(
      (await run(['vm', 'list', '-o', 'json', '--node', 'pve3'], { env: s.env })).stdout,
    ) as Record<string, unknown>[];
    expect(json).toEqual([
      {
        vmid: 103,
        name: '',
        type: 'qemu',
        node: 'pve3',
        status: 'unknown',
        cpus: null,
        maxmem: null,
        maxdisk: null,
        mem: null,
        disk: null,
        cpu: null,
        uptime: null,
        tags: ['ha'],
        template: false,
        pool: null,
        lock: null,
        hastate: 'started',
        region: 'env',
      },
    ]);
    expect(ids((await run(['vm', 'list', '-o', 'id', '--sort', '-maxmem'], { env: s.env })).stdout).at(-1)).toBe(103);
  });

  it('reads numbers as strings, exponent notation, 0/1 flags and ;-joined tags', async () => {
    s.server.use(
      http.get('*/api2/json/cluster/resources', () =>
        HttpResponse.json({
          data: [
            {
              id: 'qemu/300',
              vmid: '300',
              type: 'qemu',
              node: 'pve1',
              name: 'odd',
              status: 'running',
              maxmem: '2147483648',
              maxdisk: '3.4359738368e+10',
              mem: '1073741824',
              disk: 0,
              cpu: '0.25',
              maxcpu: '2',
              uptime: '3600',
              template: '0',
              tags: 'b;a',
              lock: 'backup',
            },
            { id: 'qemu/301', vmid: 301, type: 'qemu', node: 'pve1', name: 'VM 301', status: 'prelaunch', template: 1 },
            { id: 'node/pve1', type: 'node', node: 'pve1', status: 'online' },
          ],
        }),
      ),
    );
    const json = JSON.parse((await run(['vm', 'list', '-o', 'json'], { env: s.env })).stdout) as Record<
      string,
      unknown
    >[];
    expect(json[0]).toMatchObject({
      vmid: 300,
      maxmem: 2147483648,
      maxdisk: 34359738368,
      mem: 1073741824,
      cpu: 0.25,
      cpus: 2,
      uptime: 3600,
      template: false,
      tags: ['b', 'a'],
      lock: 'backup',
    });
    expect(json[1]).toMatchObject({ vmid: 301, name: 'VM 301', status: 'running', template: true, maxmem: null });
    expect((await run(['vm', 'list'], { env: s.env })).stdout).toBe(
      [
        'VMID  NAME    STATUS    NODE  CPUS   MEMORY      DISK  UPTIME  TAGS',
        '300   odd     running   pve1     2  2.0 GiB  32.0 GiB   1h 0m  b,a',
        '301   VM 301  template  pve1     -        -         -       -  -',
        '',
      ].join('\n'),
    );
  });
});

describe('several regions', () => {
  const DOWN = 'https://down.test:8006';
  function configure(regions: Record<string, string>, current = Object.keys(regions)[0]) {
    const [tokenId, tokenSecret] = [
      s.sim.token.slice(0, s.sim.token.indexOf('=')),
      s.sim.token.slice(s.sim.token.indexOf('=') + 1),
    ];
    const entries = Object.fromEntries(
      Object.entries(regions).map(([name, url]) => [name, { url, tokenId, tokenSecret, insecure: true }]),
    );
    writeFileSync(
      join(s.env.PVECTL_CONFIG_DIR!, 'config.json'),
      JSON.stringify({ currentRegion: current, regions: entries }),
      { mode: 0o600 }, // as pvectl writes it: a wider mode is warned about
    );
    s.server.use(http.all(`${DOWN}/*`, () => HttpResponse.error()));
    return { PVECTL_CONFIG_DIR: s.env.PVECTL_CONFIG_DIR, NO_COLOR: '1' };
  }

  it('lists every region in parallel with a REGION column', async () => {
    const env = configure({ east: SIM_URL, west: SIM_URL });
    const r = await run(['ct', 'list', '--region', 'all'], { env });
    expect(r).toEqual({
      code: 0,
      stdout: [
        'REGION  VMID  NAME     STATUS   NODE  CPUS     MEMORY     DISK   UPTIME  TAGS',
        'east    200   dns-1    running  pve1     1  512.0 MiB  8.0 GiB  10d 18h  infra',
        'east    201   cache-1  stopped  pve2     1    1.0 GiB  8.0 GiB        -  cache',
        'west    200   dns-1    running  pve1     1  512.0 MiB  8.0 GiB  10d 18h  infra',
        'west    201   cache-1  stopped  pve2     1    1.0 GiB  8.0 GiB        -  cache',
        '',
      ].join('\n'),
      stderr: '',
    });
    const json = JSON.parse((await run(['ct', 'list', '--region', 'west,east', '-o', 'json'], { env })).stdout) as {
      region: string;
    }[];
    expect(json.map((g) => g.region)).toEqual(['east', 'east', 'west', 'west']);
  });

  it('an unreachable region is a warning on stderr; the others are listed and the exit is 0', async () => {
    const env = configure({ east: SIM_URL, west: DOWN });
    const r = await run(['ct', 'list', '--region', 'east,west', '-o', 'id'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('200\n201\n');
    expect(r.stderr).toMatch(/^Warning: region "west" is left out: .+\n$/);
  });

  it("when no region answers, the first one's error is the command's", async () => {
    const env = configure({ east: DOWN, west: DOWN });
    const r = await run(['ct', 'list', '--region', 'all'], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Error: /);
  });
});
