// vm/ct stats: a guest's CPU, memory, network and disk I/O over --since from Proxmox's RRD data.
import type { Context } from '../../context.js';
import type { GuestKind } from '../../api/guests.js';
import { guestRrd, type Timeframe } from '../../api/metrics.js';
import { printStats, type Metric } from './stats-view.js';
import { resolveGuest } from './targets.js';

export interface StatsOptions {
  kind: GuestKind;
  guest: string;
  since: Timeframe;
}

export const GUEST_METRICS: Metric[] = [
  { id: 'cpu', label: 'cpu', field: 'cpu', unit: 'fraction' },
  { id: 'mem', label: 'memory', field: 'mem', unit: 'bytes' },
  { id: 'netin', label: 'net in', field: 'netin', unit: 'rate' },
  { id: 'netout', label: 'net out', field: 'netout', unit: 'rate' },
  { id: 'diskread', label: 'disk read', field: 'diskread', unit: 'rate' },
  { id: 'diskwrite', label: 'disk write', field: 'diskwrite', unit: 'rate' },
];

export async function run(ctx: Context, opts: StatsOptions): Promise<void> {
  const client = await ctx.client(await ctx.region());
  const g = await resolveGuest(client, opts.kind, opts.guest);
  const points = await guestRrd(client, g, opts.since);
  await printStats(ctx, { vmid: g.vmid, name: g.name, node: g.node }, opts.since, GUEST_METRICS, points);
}
