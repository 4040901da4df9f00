// node stats: a node's CPU, memory and network over --since from Proxmox's RRD data. An offline
// node has no RRD answer (QUIRKS C1): said before any /nodes/{node}/… call.
import type { Context } from '../../context.js';
import { nodeRrd, type Timeframe } from '../../api/metrics.js';
import { listNodes } from '../../api/nodes.js';
import { NotFoundError, PvectlError } from '../../errors.js';
import { printStats, type Metric } from '../guest/stats-view.js';

export interface NodeStatsOptions {
  node: string;
  since: Timeframe;
}

export const NODE_METRICS: Metric[] = [
  { id: 'cpu', label: 'cpu', field: 'cpu', unit: 'fraction' },
  { id: 'iowait', label: 'io wait', field: 'iowait', unit: 'fraction' },
  { id: 'mem', label: 'memory', field: 'memused', unit: 'bytes' },
  { id: 'netin', label: 'net in', field: 'netin', unit: 'rate' },
  { id: 'netout', label: 'net out', field: 'netout', unit: 'rate' },
];

export async function run(ctx: Context, opts: NodeStatsOptions): Promise<void> {
  const client = await ctx.client(await ctx.region());
  const n = (await listNodes(client)).find((x) => x.node === opts.node);
  if (!n) throw new NotFoundError(`no node "${opts.node}"`, { hint: 'See: pvectl node list' });
  if (n.status !== 'online') throw new PvectlError(`node ${opts.node} is offline: it has no statistics to give`);
  const points = await nodeRrd(client, opts.node, opts.since);
  await printStats(ctx, { node: opts.node }, opts.since, NODE_METRICS, points);
}
