// node list: the nodes of one region or several (in parallel), from one /cluster/resources call
// each; filtered by --status and ordered by --sort here.
import type { Context } from '../../context.js';
import { listNodes, type NodeRow } from '../../api/nodes.js';
import { UsageError } from '../../errors.js';
import { parseSort, sortRows, type SortSpec } from '../../lib/sort-by.js';
import { checkColumns } from '../../output/columns.js';
import { printList } from '../../output/print.js';
import { fanOut } from '../fan-out.js';
import { nodeColumns } from './columns.js';

export interface NodeListOptions {
  status?: string;
  sort?: string;
}

/** The contract's node fields. */
export const NODE_SORT_FIELDS = [
  'node',
  'status',
  'cpu',
  'maxcpu',
  'mem',
  'maxmem',
  'disk',
  'maxdisk',
  'uptime',
  'region',
] as const;
const STATUSES: Array<NodeRow['status']> = ['online', 'offline'];

export async function run(ctx: Context, opts: NodeListOptions = {}): Promise<void> {
  // every bad value is refused before any request
  const sort = opts.sort ? parseSort(opts.sort, NODE_SORT_FIELDS) : undefined;
  if (opts.status !== undefined && !(STATUSES as string[]).includes(opts.status)) {
    throw new UsageError(`--status: "${opts.status}" is not one of ${STATUSES.join(', ')}`);
  }
  checkColumns(ctx, nodeColumns(true));
  const regions = await ctx.regions();
  const nodes = (await fanOut(ctx, regions, listNodes)).filter(
    (n) => opts.status === undefined || n.status === opts.status,
  );
  await printList(ctx, {
    rows: ordered(nodes, sort),
    columns: nodeColumns(regions.length > 1),
    id: (n) => n.node,
    // QUIRKS C2: nodes stay listed without Sys.Audit (only stats vanish), so empty means no access at all
    empty: opts.status ? `No ${opts.status} nodes.` : 'No nodes found.',
  });
}

/** Default order: region, then node name; --sort FIELD keeps that order among equal values. */
function ordered(nodes: NodeRow[], sort: SortSpec | undefined): NodeRow[] {
  const base = nodes.sort((a, b) =>
    a.region < b.region ? -1 : a.region > b.region ? 1 : a.node < b.node ? -1 : a.node > b.node ? 1 : 0,
  );
  if (!sort) return base;
  const field = sort.field as keyof NodeRow;
  return sortRows(base, (n) => n[field], sort.descending);
}
