// vm list / ct list: one /cluster/resources call per region (regions in parallel), filtered and
// sorted here. With several regions an unreachable one is a warning and the rest are listed.
import type { Context } from '../../context.js';
import { listGuests, type Guest, type GuestKind } from '../../api/guests.js';
import { rememberGuests } from './locate.js';
import { globMatcher } from '../../lib/glob.js';
import { parseSort, sortRows, type SortSpec } from '../../lib/sort-by.js';
import { checkColumns } from '../../output/columns.js';
import { printList } from '../../output/print.js';
import { fanOut } from '../fan-out.js';
import { listNodes } from '../../api/nodes.js';
import { unknownNode } from '../node/known.js';
import { GUEST_SORT_FIELDS, guestColumns } from './columns.js';
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

export async function run(ctx: Context, opts: ListOptions): Promise<void> {
  // every bad value is refused before any request
  const sort = opts.sort ? parseSort(opts.sort, GUEST_SORT_FIELDS) : undefined;
  checkStatus(opts.status || undefined);
  checkColumns(ctx, guestColumns(true));
  const nameMatches = opts.name === undefined ? () => true : globMatcher(opts.name);

  const regions = await ctx.regions();
  // each region's list also says where its guests live, for the next one-guest look-up (locate.ts)
  const all = await fanOut(ctx, regions, (client) =>
    listGuests(client, opts.kind).then((guests) => (rememberGuests(ctx, client, guests), guests)),
  );
  const node = opts.node;
  // an unknown --node is "not found" (exit 3), not an empty list; nodes are asked only when needed
  if (node && !all.some((g) => g.node === node)) {
    const nodes = await fanOut(ctx, regions, listNodes);
    if (!nodes.some((n) => n.node === node)) throw unknownNode(regions.map((r) => r.name).join(','), node, nodes);
  }
  const guests = all.filter((g) => nameMatches(g.name) && matches(g, opts));
  const filtered = opts.node || opts.status || opts.tags.length > 0 || opts.pool || opts.name;
  const what = opts.kind === 'qemu' ? 'VMs' : 'containers';
  await printList(ctx, {
    rows: ordered(guests, sort),
    columns: guestColumns(regions.length > 1),
    // QUIRKS C2: a token without VM.Audit gets an empty list rather than an error
    empty: filtered ? `No ${what} match.` : `No ${what} found (an API token sees only guests it has VM.Audit on).`,
  });
}

/** Default order: region, then VMID; --sort FIELD keeps that order among equal values. */
function ordered(guests: Guest[], sort: SortSpec | undefined): Guest[] {
  const base = guests.sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : a.vmid - b.vmid));
  if (!sort) return base;
  const field = sort.field as keyof Guest;
  return sortRows(base, (g) => g[field], sort.descending);
}
