// Lists over several regions (--region a,b / all): asked in parallel; a region that fails is a
// warning on stderr and the others are still listed. Only when none answers is it an error
// (the first region's). With one region its error is simply the command's error.
import type { Context } from '../context.js';
import type { PveClient } from '../api/client.js';
import type { Region } from '../config/types.js';

export async function fanOut<T>(
  ctx: Context,
  regions: Region[],
  read: (client: PveClient) => Promise<T[]>,
): Promise<T[]> {
  if (regions.length === 1) return read(await ctx.client(regions[0]!));
  const results = await Promise.allSettled(regions.map(async (r) => read(await ctx.client(r))));
  const failures = results.flatMap((res, i) =>
    res.status === 'rejected' ? [{ region: regions[i]!.name, err: res.reason as unknown }] : [],
  );
  if (failures.length === results.length) throw failures[0]!.err;
  for (const f of failures)
    ctx.warn(`region "${f.region}" is left out: ${f.err instanceof Error ? f.err.message : String(f.err)}`);
  return results.flatMap((res) => (res.status === 'fulfilled' ? res.value : []));
}
