// RRD data (ENDPOINTS: …/rrddata): time series of a node or a guest, oldest first, one object per
// step with `time` (epoch seconds) and the metrics (cpu, mem, netin …; a node has memused, memtotal).
import type { PveClient } from './client.js';
import { guestPath, type GuestRef } from './guests.js';
import { apiPath } from './path.js';
import { expectArray, type Obj } from './shape.js';

export type Timeframe = 'hour' | 'day' | 'week' | 'month' | 'year';

export async function guestRrd(client: PveClient, g: GuestRef, timeframe: Timeframe): Promise<Obj[]> {
  const path = guestPath(g, '/rrddata');
  return expectArray(`GET ${path}`, await client.get<unknown>(path, { timeframe, cf: 'AVERAGE' }));
}

export async function nodeRrd(client: PveClient, node: string, timeframe: Timeframe): Promise<Obj[]> {
  const path = apiPath`/nodes/${node}/rrddata`;
  return expectArray(`GET ${path}`, await client.get<unknown>(path, { timeframe, cf: 'AVERAGE' }));
}
