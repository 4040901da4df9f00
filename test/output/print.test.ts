import { describe, expect, it } from 'vitest';
import { printList, printObject } from '../../src/output/print.js';
import type { ListView, ObjectView } from '../../src/output/types.js';
import { fakeContext, type FakeOptions } from './fake-context.js';

interface Row {
  vmid: number;
  name: string;
  status: string;
  maxmem: number | null;
  cpu: number | null;
  uptime: number | null;
  tags: string[];
  pool: string | null;
  template: boolean;
}

const rows: Row[] = [
  {
    vmid: 100,
    name: 'web-1',
    status: 'running',
    maxmem: 2147483648,
    cpu: 0.1234,
    uptime: 273600,
    tags: ['prod', 'web'],
    pool: 'prod',
    template: false,
  },
  {
    vmid: 102,
    name: 'db-1-with-a-rather-long-name',
    status: 'stopped',
    maxmem: 8589934592,
    cpu: 0,
    uptime: 0,
    tags: [],
    pool: null,
    template: false,
  },
  {
    vmid: 107,
    name: '',
    status: 'unknown',
    maxmem: null,
    cpu: null,
    uptime: null,
    tags: ['x'],
    pool: null,
    template: true,
  },
];

const view = (r: Row[] = rows): ListView<Row> => ({
  rows: r,
  columns: [
    { id: 'vmid', header: 'VMID', value: (x) => x.vmid, kind: 'number', align: 'left' },
    { id: 'name', header: 'NAME', value: (x) => x.name },
    { id: 'status', header: 'STATUS', value: (x) => x.status, kind: 'status' },
    { id: 'maxmem', header: 'MEMORY', value: (x) => x.maxmem, kind: 'bytes' },
    { id: 'uptime', header: 'UPTIME', value: (x) => x.uptime, kind: 'duration' },
    { id: 'tags', header: 'TAGS', value: (x) => x.tags, kind: 'tags' },
    { id: 'cpu', header: 'CPU%', value: (x) => x.cpu, kind: 'fraction', wide: true },
    { id: 'pool', header: 'POOL', value: (x) => x.pool, wide: true },
  ],
  empty: 'No VMs found.',
});

async function list(o: FakeOptions, r?: Row[]) {
  const { ctx, out } = fakeContext(o);
  await printList(ctx, view(r));
  return out;
}

const TABLE = [
  'VMID  NAME                          STATUS    MEMORY  UPTIME  TAGS',
  '100   web-1                         running  2.0 GiB   3d 4h  prod,web',
  '102   db-1-with-a-rather-long-name  stopped  8.0 GiB       -  -',
  '107   -                             unknown        -       -  x',
  '',
].join('\n');

describe('printList: table', () => {
  it('prints aligned columns without borders or trailing blanks when stdout is not a TTY', async () => {
    const out = await list({ tty: false });
    expect(out.stdout).toBe(TABLE);
    expect(out.stderr).toBe('');
  });

  it('does not truncate when stdout is not a TTY, however narrow the terminal', async () => {
    expect((await list({ tty: false, width: 20 })).stdout).toBe(TABLE);
  });

  it('on a TTY with room, prints the same table (colour off)', async () => {
    expect((await list({ tty: true, color: false })).stdout).toBe(TABLE);
  });

  it('on a narrow TTY truncates free-text cells with …', async () => {
    const out = await list({ tty: true, color: false, width: 56 });
    expect(out.stdout).toBe(
      [
        'VMID  NAME            STATUS    MEMORY  UPTIME  TAGS',
        '100   web-1           running  2.0 GiB   3d 4h  prod,web',
        '102   db-1-with-a-r…  stopped  8.0 GiB       -  -',
        '107   -               unknown        -       -  x',
        '',
      ].join('\n'),
    );
    for (const line of out.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(56);
    const narrower = (await list({ tty: true, color: false, width: 40 })).stdout.split('\n');
    // at the 5-character floor it stops narrowing and lets the terminal wrap
    expect(narrower[1]).toBe('100   web-1  running  2.0 GiB   3d 4h  prod…');
  });

  it('colours status cells only when colour is on', async () => {
    const coloured = (await list({ tty: true })).stdout;
    expect(coloured).toContain('\u001b[32mrunning\u001b[39m');
    expect(coloured).toContain('\u001b[90mstopped\u001b[39m');
    expect(coloured).toContain('\u001b[31munknown\u001b[39m');
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(TABLE);
    expect((await list({ tty: false })).stdout).not.toContain('\u001b[');
  });

  it('wide adds the wide columns', async () => {
    expect((await list({ output: 'wide' })).stdout).toBe(
      [
        'VMID  NAME                          STATUS    MEMORY  UPTIME  TAGS      CPU%  POOL',
        '100   web-1                         running  2.0 GiB   3d 4h  prod,web   12%  prod',
        '102   db-1-with-a-rather-long-name  stopped  8.0 GiB       -  -           0%  -',
        '107   -                             unknown        -       -  x            -  -',
        '',
      ].join('\n'),
    );
  });

  it('--columns picks and orders columns, wide ones included; --no-headers drops the header', async () => {
    expect((await list({ columns: ['pool', 'vmid'] })).stdout).toBe('POOL  VMID\nprod  100\n-     102\n-     107\n');
    expect((await list({ columns: ['name'], headers: false })).stdout).toBe('web-1\ndb-1-with-a-rather-long-name\n-\n');
  });

  it('an unknown column is a usage error listing the valid ones', async () => {
    const { ctx } = fakeContext({ columns: ['vmid', 'nope'] });
    await expect(printList(ctx, view())).rejects.toMatchObject({
      exitCode: 2,
      message: '--columns: unknown column "nope"; valid columns: vmid, name, status, maxmem, uptime, tags, cpu, pool',
    });
  });

  it('an empty list prints nothing on stdout; a note on stderr only on a TTY', async () => {
    expect(await list({ tty: false }, [])).toEqual({ stdout: '', stderr: '' });
    expect(await list({ tty: true }, [])).toEqual({ stdout: '', stderr: 'No VMs found.\n' });
    expect(await list({ tty: true, quiet: true }, [])).toEqual({ stdout: '', stderr: '' });
  });
});

describe('printList: tsv', () => {
  it('prints raw values under a header of column ids', async () => {
    expect((await list({ output: 'tsv' })).stdout).toBe(
      [
        'vmid\tname\tstatus\tmaxmem\tuptime\ttags',
        '100\tweb-1\trunning\t2147483648\t273600\tprod,web',
        '102\tdb-1-with-a-rather-long-name\tstopped\t8589934592\t0\t',
        '107\t\tunknown\t\t\tx',
        '',
      ].join('\n'),
    );
  });

  it('honours --columns and --no-headers, the same on a TTY, never coloured', async () => {
    const expected = '100\trunning\t0.1234\n102\tstopped\t0\n107\tunknown\t\n';
    expect((await list({ output: 'tsv', columns: ['vmid', 'status', 'cpu'], headers: false })).stdout).toBe(expected);
    expect((await list({ output: 'tsv', columns: ['vmid', 'status', 'cpu'], headers: false, tty: true })).stdout).toBe(
      expected,
    );
  });

  it('prints nothing for an empty list', async () => {
    expect((await list({ output: 'tsv' }, [])).stdout).toBe('');
  });
});

describe('printList: json, yaml, id', () => {
  it('json is an array of the rows with raw units, booleans and nulls kept, on a TTY or not', async () => {
    for (const tty of [false, true]) {
      const out = await list({ output: 'json', tty });
      expect(JSON.parse(out.stdout)).toEqual(rows);
      expect(out.stdout).toBe(`${JSON.stringify(rows, null, 2)}\n`);
      expect(out.stdout).not.toContain('\u001b[');
    }
  });

  it('json of an empty list is [] and says nothing on stderr', async () => {
    expect(await list({ output: 'json', tty: true }, [])).toEqual({ stdout: '[]\n', stderr: '' });
  });

  it('json ignores --columns but uses view.json when given', async () => {
    const { ctx, out } = fakeContext({ output: 'json', columns: ['vmid'] });
    await printList(ctx, { ...view(), json: (r) => ({ id: r.vmid }) });
    expect(JSON.parse(out.stdout)).toEqual([{ id: 100 }, { id: 102 }, { id: 107 }]);
  });

  it('yaml prints the same data', async () => {
    const out = await list({ output: 'yaml' }, rows.slice(1));
    expect(out.stdout).toBe(
      [
        '- vmid: 102',
        '  name: db-1-with-a-rather-long-name',
        '  status: stopped',
        '  maxmem: 8589934592',
        '  cpu: 0',
        '  uptime: 0',
        '  tags: []',
        '  pool: null',
        '  template: false',
        '- vmid: 107',
        '  name: ""',
        '  status: unknown',
        '  maxmem: null',
        '  cpu: null',
        '  uptime: null',
        '  tags:',
        '    - x',
        '  pool: null',
        '  template: true',
        '',
      ].join('\n'),
    );
    expect((await list({ output: 'yaml' }, [])).stdout).toBe('[]\n');
  });

  it('id prints one VMID a line (or what view.id says)', async () => {
    expect((await list({ output: 'id' })).stdout).toBe('100\n102\n107\n');
    expect((await list({ output: 'id' }, [])).stdout).toBe('');
    const { ctx, out } = fakeContext({ output: 'id' });
    await printList(ctx, { ...view(), id: (r) => r.name || '?' });
    expect(out.stdout).toBe('web-1\ndb-1-with-a-rather-long-name\n?\n');
  });
});

describe('printObject', () => {
  const obj: ObjectView<Row & { ips: string[] }> = {
    value: { ...rows[0]!, ips: ['192.0.2.10'] },
    fields: view().columns as ObjectView<Row & { ips: string[] }>['fields'],
    sections: [
      {
        title: 'IP addresses',
        view: {
          rows: [{ address: '192.0.2.10' }],
          columns: [{ id: 'address', header: 'ADDRESS', value: (r: { address: string }) => r.address }],
        },
      },
      { title: 'Pending changes', view: { rows: [], columns: [{ id: 'key', header: 'KEY', value: () => '' }] } },
    ],
  };

  it('table: key/value lines, then sections', async () => {
    const { ctx, out } = fakeContext({ tty: false });
    await printObject(ctx, obj);
    expect(out.stdout).toBe(
      [
        'VMID:    100',
        'NAME:    web-1',
        'STATUS:  running',
        'MEMORY:  2.0 GiB',
        'UPTIME:  3d 4h',
        'TAGS:    prod,web',
        '',
        'IP addresses:',
        '  ADDRESS',
        '  192.0.2.10',
        '',
        'Pending changes: none',
        '',
      ].join('\n'),
    );
  });

  it('json is the object itself; yaml the same; id the vmid', async () => {
    for (const [output, expected] of [
      ['json', `${JSON.stringify(obj.value, null, 2)}\n`],
      ['id', '100\n'],
      ['tsv', 'vmid\tstatus\n100\trunning\n'],
    ] as const) {
      const { ctx, out } = fakeContext({ output, columns: output === 'tsv' ? ['vmid', 'status'] : undefined });
      await printObject(ctx, obj);
      expect(out.stdout).toBe(expected);
    }
  });

  it('colours the status on a TTY', async () => {
    const { ctx, out } = fakeContext({ tty: true });
    await printObject(ctx, obj);
    expect(out.stdout).toContain('STATUS:  \u001b[32mrunning\u001b[39m\n');
  });
});
