// Completion values from the config file (regions) and from the cluster (nodes, guests, OS
// names). A Tab must never hang or prompt: the cluster gets one short budget for the whole
// look-up, trust is only what the region already has (no trust on first use), and any failure
// just means no live values. Answers are cached briefly (cache.ts).
import type { Context } from '../../context.js';
import type { Region } from '../../config/types.js';
import type { LiveSource, Want } from './analyse.js';
import { readCache, writeCache } from './cache.js';

/** The whole budget of one Tab's look-up against the cluster (PVECTL_COMPLETION_TIMEOUT_MS: a slow link). */
export const LOOKUP_MS = 1500;

function lookupMs(env: Record<string, string | undefined>): number {
  const ms = Number(env.PVECTL_COMPLETION_TIMEOUT_MS);
  return Number.isInteger(ms) && ms > 0 && ms <= 60_000 ? ms : LOOKUP_MS;
}

export async function liveValues(ctx: Context, want: Want): Promise<string[]> {
  const source = want.live;
  if (!source) return [];
  try {
    if (source.kind === 'regions') return await regionNames(ctx);
    const budget = lookupMs(ctx.env);
    const region = await chosenRegion(ctx, want, budget);
    // what a token may see differs: the token is part of the key (its secret is not)
    const key = JSON.stringify([region.name, region.url, region.tokenId, source]);
    const cached = readCache(ctx.env, key, ctx.clock.now());
    if (cached) return cached;
    const values = await withinBudget(ctx, budget, () => fromCluster(ctx, region, source));
    if (values) writeCache(ctx.env, key, ctx.clock.now(), values);
    return values ?? [];
  } catch {
    return []; // no region, no config, an unreachable or refusing cluster: no live values
  }
}

async function regionNames(ctx: Context): Promise<string[]> {
  const { openStore } = await import('../../config/store.js');
  return (await openStore(ctx.env, { readOnly: true })).list().map((r) => r.name);
}

/** The region the line names (`-r home`), else the usual one: the same rules as running it. */
async function chosenRegion(ctx: Context, want: Want, budget: number): Promise<Region> {
  const { resolveRegion } = await import('../../config/resolve.js');
  const region = await resolveRegion({ flag: want.region, env: ctx.env, overrides: want.trust });
  // the region's own timeouts may be generous; a Tab's are not
  return { ...region, connectTimeoutMs: budget, requestTimeoutMs: budget };
}

/** undefined when the budget ran out first. */
async function withinBudget<T>(ctx: Context, budget: number, work: () => Promise<T>): Promise<T | undefined> {
  const stop = new AbortController();
  const timeout = ctx.clock.sleep(budget, stop.signal).then(
    () => undefined,
    () => undefined,
  );
  try {
    return await Promise.race([work(), timeout]);
  } finally {
    stop.abort();
  }
}

async function fromCluster(ctx: Context, region: Region, source: LiveSource): Promise<string[]> {
  const client = await ctx.client(region);
  if (source.kind === 'nodes') {
    const { listNodes } = await import('../../api/nodes.js');
    return (await listNodes(client)).map((n) => n.node).sort();
  }
  const { listGuests } = await import('../../api/guests.js');
  if (source.kind === 'guests') {
    const guests = await listGuests(client, source.guest);
    const names = guests.map((g) => g.name).filter(Boolean);
    const ids = guests.map((g) => g.vmid).sort((a, b) => a - b);
    return [...new Set([...names.sort(), ...ids.map(String)])];
  }
  if (source.kind !== 'os') return [];
  const { osNames } = await import('./os-names.js');
  return osNames(client, source.type, ctx.signal);
}
