// One guest by VMID or name without reading /cluster/resources when a hint (hint-file.ts) says
// where it lives (issue 13: that list is ~16 MB on a 50,000-guest cluster). The hint is only a
// guess of the node: status/current on that node is the call the verbs make anyway, and it is the
// check — PVE answers 500 "Configuration file … does not exist" when the guest is not there
// (QUIRKS A3). Only VMIDs are hinted (a name may have become ambiguous). Any error: the full look-up,
// whose answer rewrites the hint. Everything returned was read from the cluster in this command.
import type { PveClient } from '../../api/client.js';
import { poolGuests, listPools } from '../../api/cluster.js';
import { findGuests, toGuest, type Guest, type GuestKind } from '../../api/guests.js';
import { getCurrentStatus } from '../../api/guest-status.js';
import type { Obj } from '../../api/shape.js';
import type { Context } from '../../context.js';
import { InterruptedError } from '../../errors.js';
import { num, str } from '../../lib/values.js';
import { findHint, hintFile, MAX_HINTS, readHints, rememberHints, type Hint } from './hint-file.js';
import { pickGuest } from './targets.js';

export interface Located {
  guest: Guest;
  /** status/current, when the hinted path already read it */
  current?: Obj;
  /** false on the hinted path: status/current does not carry the pool (see guestPool) */
  poolKnown: boolean;
}

/** More pools than this and `vm show` reads /cluster/resources for the pool instead. */
const MAX_POOLS = 16;

export async function locateGuest(ctx: Context, client: PveClient, kind: GuestKind, ref: string): Promise<Located> {
  const file = hintFile(ctx.env, { name: client.region, url: client.baseUrl });
  const hint = findHint(readHints(file), kind, ref);
  if (hint) {
    const found = await tryHint(client, hint);
    if (found) {
      if (found.guest.name !== hint.name) rememberHints(file, [{ ...hint, name: found.guest.name }]);
      return found;
    }
  }
  const guests = await findGuests(client, [ref]);
  // a stale hint goes even when the look-up fails (not found, ambiguous) and the seen ones are kept
  const gone = hint && !guests.some((g) => g.vmid === hint.vmid) ? [hint.vmid] : [];
  rememberHints(file, hintsOf(guests), gone);
  return { guest: await pickGuest(client, guests, kind, ref), poolKnown: true };
}

/** Hints from guests just read from the cluster (not those on an offline node: no name, no calls). */
export function hintsOf(guests: Guest[]): Hint[] {
  return guests
    .filter((g) => g.status !== 'unknown' && g.node)
    .map((g) => ({ vmid: g.vmid, node: g.node, type: g.type, name: g.name }));
}

/** Remembers where guests from a full read live; the bulk verbs call it. */
export function rememberGuests(ctx: Context, client: PveClient, guests: Guest[]): void {
  // a 50,000-guest list keeps only its last MAX_HINTS: no need to convert the rest
  const last = guests.length > MAX_HINTS ? guests.slice(-MAX_HINTS) : guests;
  rememberHints(hintFile(ctx.env, { name: client.region, url: client.baseUrl }), hintsOf(last));
}

async function tryHint(client: PveClient, hint: Hint): Promise<Located | undefined> {
  let current: Obj;
  try {
    // tried once: a failure (even a passing 502) only costs the full look-up, never retries' waits
    current = await getCurrentStatus(client, hint, 1);
  } catch (err) {
    // moved, deleted, node offline, a proxy error: the full look-up decides (and reports)
    if (err instanceof InterruptedError) throw err;
    return undefined;
  }
  const name = str(current.name) ?? '';
  // status/current has what the resource entry has (qemu-server src/PVE/QemuServer.pm and
  // pve-container src/PVE/LXC.pm `vmstatus`: name, cpus, maxmem, maxdisk, template, lock, tags;
  // the API adds `ha`) but the pool
  const ha = (current.ha ?? {}) as Obj;
  const entry = {
    ...current,
    type: hint.type,
    vmid: hint.vmid,
    node: hint.node,
    // the names /cluster/resources uses; status stays the plain one there too (QUIRKS C4)
    maxcpu: current.cpus ?? current.maxcpu,
    hastate: num(ha.managed) ? ha.state : undefined,
    pool: undefined,
  };
  const guest = toGuest(entry, client.region);
  return guest ? { guest, current, poolKnown: false } : undefined;
}

/**
 * The guest's pool from /pools (a few small reads), or from the full list when there are many pools.
 * Both show a pool only to a caller with Pool.Audit on it: /cluster/resources deletes `pool` from a
 * guest's entry otherwise (pve-manager PVE/API2/Cluster.pm `resources`), and /pools lists only the
 * pools the caller may audit (pve-access-control PVE/API2/Pool.pm `index`), so they agree.
 */
export async function guestPool(client: PveClient, g: Guest): Promise<string | null> {
  const ids = await listPools(client);
  if (ids.length > MAX_POOLS) {
    const full = await findGuests(client, [String(g.vmid)]);
    return full.find((x) => x.vmid === g.vmid)?.pool ?? null;
  }
  const members = await Promise.all(ids.map((id) => poolGuests(client, id, g.type)));
  const i = members.findIndex((ms) => ms.some((m) => num(m.vmid) === g.vmid));
  return i < 0 ? null : ids[i]!;
}
