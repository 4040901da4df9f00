// vm list / ct list: one /cluster/resources call per region (regions in parallel), filtered and
// sorted here. With several regions an unreachable one is a warning and the rest are listed.
//
// The raw entries go straight to the printer (issue 13): rows are indices into them, read through
// one RawGuest cursor, so a table reads only its columns' fields and no guest objects are made;
// json and yaml convert just the rows they print. Filters and --sort see the same cursor.
import type { Context } from '../../context.js';
import type { GuestKind } from '../../api/guests.js';
import { getResources, type RawResource } from '../../api/cluster.js';
import { rememberListed } from './list-hints.js';
import { globMatcher } from '../../lib/glob.js';
import { parseSort, sortRows, type SortSpec } from '../../lib/sort-by.js';
import { checkColumns } from '../../output/columns.js';
import { printList } from '../../output/print.js';
import type { Column } from '../../output/types.js';
import { fanOut } from '../fan-out.js';
import { listNodes } from '../../api/nodes.js';
import { unknownNode } from '../node/known.js';
import { GUEST_SORT_FIELDS, guestColumns } from './columns.js';
import { guestCells } from './list-cells.js';
import { optimiseOnlyLongRuns } from './list-tiering.js';
import { RawGuest, rawVmid } from './raw-guest.js';
import { checkStatus, matches } from './targets.js';

export interface ListOptions {
  kind: GuestKind;
  node?: string;
  status?: string;
  tags: string[];
  pool?: string;
  name?: string;
  sort?: string;
}

/**
 * The guests of one kind from every region, in the order listed: parallel arrays, one slot a guest,
 * each sized once. VMIDs and region numbers in typed arrays, whose memory is outside V8's young
 * generation: a 5,000-guest table then fits in what is left of it after the parse, with no GC pass
 * at all (issue 13; a pass there cost ~10 ms).
 */
interface Entries {
  raw: RawResource[];
  vmid: Float64Array;
  /** an index into regions */
  region: Uint16Array;
  regions: string[];
  count: number;
}

export async function run(ctx: Context, opts: ListOptions): Promise<void> {
  // every bad value is refused before any request
  const sort = opts.sort ? parseSort(opts.sort, GUEST_SORT_FIELDS) : undefined;
  checkStatus(opts.status || undefined);
  checkColumns(ctx, guestColumns(true));
  const nameMatches = opts.name === undefined ? undefined : globMatcher(opts.name);
  const regions = await ctx.regions();
  const answers = await fanOut(ctx, regions, async (client) => {
    const raw = await getResources(client, 'vm');
    // what is left is short: V8's optimising compiler would cost more than it saves (list-tiering.ts)
    optimiseOnlyLongRuns();
    // each region's list also says where its guests live, for the next one-guest look-up (locate.ts)
    rememberListed(ctx, client, raw, opts.kind);
    return [{ region: client.region, raw }];
  });
  const all = ofKind(answers, opts.kind);
  const g = new RawGuest();
  const at = (i: number) => g.at(all.raw[i]!, all.vmid[i]!, all.regions[all.region[i]!]!);
  const node = opts.node;
  // an unknown --node is "not found" (exit 3), not an empty list; nodes are asked only when needed
  if (node && !all.raw.some((_, i) => at(i).node === node)) {
    const nodes = await fanOut(ctx, regions, listNodes);
    if (!nodes.some((n) => n.node === node)) throw unknownNode(regions.map((r) => r.name).join(','), node, nodes);
  }
  const selecting = opts.node || opts.status || opts.tags.length > 0 || opts.pool;
  let rows = new Array<number>(all.count);
  let count = 0;
  for (let i = 0; i < all.count; i++) {
    if (nameMatches && !nameMatches(at(i).name)) continue;
    if (selecting && !matches(at(i), opts)) continue;
    rows[count++] = i;
  }
  rows.length = count;
  // default order: region, then VMID; --sort FIELD keeps that order among equal values
  // (one region, as most are: the VMIDs alone, without looking up two region names per comparison)
  if (all.regions.length <= 1) rows.sort((a, b) => all.vmid[a]! - all.vmid[b]!);
  else rows.sort((a, b) => byRegionThenVmid(all, a, b));
  if (sort) rows = sortRows(rows, (i) => at(i)[sort.field as keyof RawGuest], sort.descending);
  const filtered = selecting || opts.name;
  const what = opts.kind === 'qemu' ? 'VMs' : 'containers';
  await printList(ctx, {
    rows,
    columns: guestColumns(regions.length > 1).map((c): Column<number> => ({
      ...c,
      value: (i) => c.value(at(i)),
      text: guestCells(c, all),
    })),
    id: (i) => all.vmid[i]!,
    json: (i) => at(i).toJson(),
    // QUIRKS C2: a token without VM.Audit gets an empty list rather than an error
    empty: filtered ? `No ${what} match.` : `No ${what} found (an API token sees only guests it has VM.Audit on).`,
  });
}

/** The entries toGuest would keep: this kind only, with a usable VMID. */
function ofKind(answers: { region: string; raw: RawResource[] }[], kind: GuestKind): Entries {
  const size = answers.reduce((n, a) => n + a.raw.length, 0);
  const out: Entries = {
    raw: new Array<RawResource>(size),
    vmid: new Float64Array(size),
    region: new Uint16Array(size),
    regions: answers.map((a) => a.region),
    count: 0,
  };
  let k = 0;
  for (let a = 0; a < answers.length; a++) {
    const raw = answers[a]!.raw;
    for (let i = 0; i < raw.length; i++) {
      const r = raw[i]!;
      if (r.type !== kind) continue;
      const vmid = rawVmid(r);
      if (vmid === undefined) continue;
      out.raw[k] = r;
      out.vmid[k] = vmid;
      out.region[k++] = a;
    }
  }
  out.raw.length = k;
  out.count = k;
  return out;
}

function byRegionThenVmid(all: Entries, a: number, b: number): number {
  const ra = all.regions[all.region[a]!]!;
  const rb = all.regions[all.region[b]!]!;
  return ra < rb ? -1 : ra > rb ? 1 : all.vmid[a]! - all.vmid[b]!;
}
