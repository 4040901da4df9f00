// node stats: a node's CPU, memory and network over --since from Proxmox's RRD data. An offline
// node has no RRD answer (QUIRKS C1): said before any /nodes/{node}/… call.
import type { Context } from '../../context.js';
import { nodeRrd, type Timeframe } from '../../api/metrics.js';
import { PvectlError } from '../../errors.js';
import { printStats, type Metric } from '../guest/stats-view.js';
import { requireNode } from './known.js';

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
  const n = await requireNode(client, opts.node);
  if (n.status !== 'online') throw new PvectlError(`node ${opts.node} is offline: it has no statistics to give`);
  const points = await nodeRrd(client, opts.node, opts.since);
  await printStats(ctx, { node: opts.node }, opts.since, NODE_METRICS, points);
}
