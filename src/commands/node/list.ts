// node list: the nodes of one region or several (in parallel), from one /cluster/resources call each.
import type { Context } from '../../context.js';
import { listNodes } from '../../api/nodes.js';
import { checkColumns } from '../../output/columns.js';
import { printList } from '../../output/print.js';
import { fanOut } from '../fan-out.js';
import { nodeColumns } from './columns.js';

export async function run(ctx: Context, _opts: Record<string, never>): Promise<void> {
  checkColumns(ctx, nodeColumns(true));
  const regions = await ctx.regions();
  const nodes = await fanOut(ctx, regions, listNodes);
  nodes.sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
  await printList(ctx, {
    rows: nodes,
    columns: nodeColumns(regions.length > 1),
    id: (n) => n.node,
    // QUIRKS C2: nodes stay listed without Sys.Audit (only stats vanish), so empty means no access at all
    empty: 'No nodes found.',
  });
}
