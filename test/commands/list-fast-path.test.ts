// vm list / ct list print straight from the raw /cluster/resources entries (RawGuest cursor, rows
// as indices). This holds them to the general path they replaced, byte for byte: every entry
// converted with toGuest, filtered with matches(), sorted with sortRows, printed by printList with
// guestColumns, on a cluster with every kind of oddity, for every -o format and the filters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { toGuest, type Guest, type GuestKind } from '../../src/api/guests.js';
import { GUEST_SORT_FIELDS, guestColumns } from '../../src/commands/guest/columns.js';
import { RawGuest, rawVmid } from '../../src/commands/guest/raw-guest.js';
import { MAX_HINTS } from '../../src/commands/guest/hint-file.js';
import { guestCells, type ListedEntries } from '../../src/commands/guest/list-cells.js';
import { listedHints } from '../../src/commands/guest/list-hints.js';
import { humanCell } from '../../src/output/humanize.js';
import { hintsOf } from '../../src/commands/guest/locate.js';
import { matches } from '../../src/commands/guest/targets.js';
import { globMatcher } from '../../src/lib/glob.js';
import { parseSort, sortRows } from '../../src/lib/sort-by.js';
import type { OutputFormat } from '../../src/context.js';
import { printList } from '../../src/output/print.js';
import { redact } from '../../src/output/redact.js';
import { fakeContext } from '../output/fake-context.js';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';
import { variedEntries } from './list-fixture.js';

let s: InProcessSim;
let raw: Record<string, unknown>[];
beforeAll(() => {
  s = startInProcessSim();
  // a name that carries the token's secret: masked in every format, as everywhere
  raw = variedEntries(s.sim.token.slice(s.sim.token.indexOf('=') + 1));
  s.server.use(http.get('*/api2/json/cluster/resources', () => HttpResponse.json({ data: raw })));
});
afterAll(() => s.close());

interface Case {
  kind?: GuestKind;
  node?: string;
  status?: string;
  tags?: string[];
  pool?: string;
  name?: string;
  sort?: string;
  columns?: string[];
  noHeaders?: boolean;
  /** a terminal this wide (colour on): cells are cut short and states coloured */
  tty?: number;
}

function argv(c: Case, output: OutputFormat): string[] {
  return [
    c.kind === 'lxc' ? 'ct' : 'vm',
    'list',
    ...['-o', output],
    ...(c.node ? ['--node', c.node] : []),
    ...(c.status ? ['--status', c.status] : []),
    ...(c.tags ?? []).flatMap((t) => ['--tag', t]),
    ...(c.pool ? ['--pool', c.pool] : []),
    ...(c.name !== undefined ? ['--name', c.name] : []),
    ...(c.sort ? [`--sort=${c.sort}`] : []),
    ...(c.columns ? ['--columns', c.columns.join(',')] : []),
    ...(c.noHeaders ? ['--no-headers'] : []),
  ];
}

/** What the general path printed: the code `vm list` ran before the raw path, from production parts. */
async function general(c: Case, output: OutputFormat): Promise<string> {
  const kind = c.kind ?? 'qemu';
  const sel = { tags: c.tags ?? [], node: c.node, status: c.status, pool: c.pool };
  const nameMatches = c.name === undefined ? () => true : globMatcher(c.name);
  const all = raw.flatMap((r) => (r.type === kind ? [toGuest(r, 'env')] : [])).filter((g): g is Guest => !!g);
  let rows = all.filter((g) => nameMatches(g.name) && matches(g, sel));
  rows.sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : a.vmid - b.vmid));
  if (c.sort) {
    const spec = parseSort(c.sort, GUEST_SORT_FIELDS);
    rows = sortRows(rows, (g) => g[spec.field as keyof Guest], spec.descending);
  }
  const { ctx, out } = fakeContext({
    output,
    columns: c.columns,
    headers: !c.noHeaders,
    tty: c.tty !== undefined,
    width: c.tty,
  });
  await printList(ctx, { rows, columns: guestColumns(false) });
  return redact(out.stdout);
}

const PICKABLE: OutputFormat[] = ['table', 'wide', 'tsv'];
const FORMATS: OutputFormat[] = [...PICKABLE, 'json', 'yaml', 'id'];
const CASES: Case[] = [
  {},
  { kind: 'lxc' },
  { sort: 'name' },
  { sort: '-maxmem' },
  { sort: 'tags' },
  { sort: '-template' },
  { sort: 'status', kind: 'lxc' },
  { sort: 'uptime' },
  { status: 'template' },
  { status: 'unknown' },
  { status: 'running', sort: '-cpu' },
  { tags: ['PROD'] },
  { tags: ['web', 'prod'] },
  { pool: 'prod' },
  { node: 'pve3' },
  { name: 'web-*' },
  { name: '' },
  { columns: ['name', 'status', 'tags', 'pool', 'lock', 'hastate', 'template', 'region', 'type'] },
  { columns: ['mem used', 'cpu', 'disk', 'maxdisk'], noHeaders: true },
  { tty: 60 },
  { tty: 100, sort: '-name' },
];

describe('the raw path prints what the general path printed', () => {
  it.each(CASES.map((c) => [JSON.stringify(c), c] as const))('%s, every -o format', async (_, c) => {
    // --columns is refused with json, yaml and id (src/globals.ts): those are tested without it
    for (const output of c.columns ? PICKABLE : FORMATS) {
      const { NO_COLOR: _nc, ...colourEnv } = s.env;
      const r = await run(argv(c, output), {
        env: c.tty ? colourEnv : s.env,
        tty: c.tty !== undefined,
        columns: c.tty,
      });
      expect({ output, code: r.code }).toEqual({ output, code: 0 });
      expect(r.stdout, output).toBe(await general(c, output));
    }
  });

  it('the fixture has what the cases are about', async () => {
    const json = JSON.parse((await run(['vm', 'list', '-o', 'json'], { env: s.env })).stdout) as Guest[];
    const statuses = new Set(json.map((g) => (g.template ? 'template' : g.status)));
    expect([...statuses].sort()).toEqual(['paused', 'running', 'stopped', 'suspended', 'template', 'unknown']);
    expect(json.some((g) => g.name === '')).toBe(true);
    expect(json.some((g) => g.pool === 'prod') && json.some((g) => g.lock !== null)).toBe(true);
    const table = (await run(['vm', 'list'], { env: s.env })).stdout;
    expect(table).toContain('\\x1b]0;owned\\x07');
    expect(table).toContain('***');
    expect(table).not.toContain(s.sim.token.slice(s.sim.token.indexOf('=') + 1));
  });
});

describe('RawGuest reads each field as toGuest does', () => {
  it('on every entry, every field', () => {
    const g = new RawGuest();
    for (const r of raw) {
      if (r.type !== 'qemu' && r.type !== 'lxc') continue;
      const expected = toGuest(r, 'env');
      const vmid = rawVmid(r);
      expect(vmid).toBe(expected?.vmid);
      if (vmid === undefined || !expected) continue;
      g.at(r, vmid, 'env');
      const seen = Object.fromEntries(Object.keys(expected).map((k) => [k, g[k as keyof Guest]]));
      expect(seen).toEqual(expected);
      expect(g.toGuest()).toEqual(expected);
      expect(JSON.stringify(g.toJson(), null, 2)).toBe(JSON.stringify(expected, null, 2));
    }
  });
});

describe('vm list remembers its guests as the look-ups would', () => {
  it.each(['qemu', 'lxc'] as const)('%s: the hints hintsOf keeps of toGuest, the last MAX_HINTS guests', (kind) => {
    const guests = raw.flatMap((r) => (r.type === kind ? [toGuest(r, 'env')] : [])).filter((g): g is Guest => !!g);
    expect(listedHints(raw, kind, 'env')).toEqual(hintsOf(guests));
    expect(listedHints(raw, kind, 'env').length).toBeGreaterThan(3);
    // only the last MAX_HINTS guests of the kind are read
    const many = Array.from({ length: MAX_HINTS + 5 }, (_, i) => ({ ...raw[0], type: kind, vmid: 1000 + i }));
    const hints = listedHints([...raw, ...many], kind, 'env');
    expect(hints).toHaveLength(MAX_HINTS);
    expect(hints[0]!.vmid).toBe(1005);
  });
});

/** Entries as list.ts holds them (rows by index), from raw entries; regions taken in turn. */
function listed(entries: Record<string, unknown>[], regions: string[]): ListedEntries {
  const kept = entries.filter((r) => (r.type === 'qemu' || r.type === 'lxc') && rawVmid(r) !== undefined);
  return {
    raw: kept,
    vmid: kept.map((r) => rawVmid(r)!),
    region: kept.map((_, i) => i % regions.length),
    regions,
  };
}

describe("vm list's own table cells", () => {
  it('are what the printer makes of each column value, on every entry', () => {
    const g = new RawGuest();
    for (const regions of [['env'], ['env', 'other']]) {
      const all = listed(raw, regions);
      const columns = guestColumns(regions.length > 1);
      const texts = columns.map((c) => guestCells(c, all));
      // twice over: the second time from what the memoised columns remembered
      for (const _ of [1, 2]) {
        for (let i = 0; i < all.raw.length; i++) {
          g.at(all.raw[i]!, all.vmid[i]!, all.regions[all.region[i]!]!);
          const seen = texts.map((text) => text(i));
          expect(seen).toEqual(columns.map((c) => humanCell(c.kind ?? 'text', c.value(g))));
        }
      }
    }
  });
});

describe("vm list's uptime cells", () => {
  it('are formatDuration of the uptime, remembered per span of their text', () => {
    const column = guestColumns(false).find((c) => c.id === 'uptime')!;
    const g = new RawGuest();
    const edges = [0, -5, 0.5, 1, 59, 59.9, 60, 61, 3599, 3600, 3601, 3659, 3660, 86_399, 86_400, 86_401, 90_000];
    const uptimes = [...edges, ...Array.from({ length: 3000 }, (_, i) => i * 997 + (i % 7) * 0.25), 1e12];
    const all = listed(
      [...uptimes, '3600', '', undefined].map((uptime) => ({ type: 'qemu', vmid: 100, uptime })),
      ['env'],
    );
    const text = guestCells(column, all);
    // twice over: the second time every text comes from what was remembered
    for (const _ of [1, 2]) {
      for (let i = 0; i < all.raw.length; i++) {
        g.at(all.raw[i]!, 100, 'env');
        expect(text(i), String(all.raw[i]!.uptime)).toBe(humanCell('duration', column.value(g)));
      }
    }
  });
});
