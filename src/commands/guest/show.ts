// vm show / ct show: the guest (VMID or unique name: locate.ts, by its hint or from
// /cluster/resources), then in parallel its live status, configuration and pending changes
// (QUIRKS C9), its IP addresses and, when the hint was used, its pool.
import type { Context } from '../../context.js';
import type { PveClient } from '../../api/client.js';
import { toGuest, type Guest, type GuestKind } from '../../api/guests.js';
import { guestIps } from '../../api/ips.js';
import { bool, str } from '../../lib/values.js';
import { checkColumns } from '../../output/columns.js';
import { printObject } from '../../output/print.js';
import { showFields, showSections } from './show-view.js';
import { guestPool, locateGuest, type Located } from './locate.js';
import { getConfig, getPending } from '../../api/guest-config.js';
import { getCurrentStatus } from '../../api/guest-status.js';

export interface ShowOptions {
  kind: GuestKind;
  guest: string;
}

export interface PendingChange {
  key: string;
  /** the value in effect now (null when the key is new) */
  value: string | null;
  /** the value after the next reboot (null when deleted) */
  pending: string | null;
  delete: boolean;
}

export interface GuestDetail extends Guest {
  /**
   * raw configuration as the API gave it (pending values applied, QUIRKS C9), without `digest`;
   * null when the node is offline
   */
  config: Record<string, unknown> | null;
  pending: PendingChange[];
  ips: string[];
}

export async function run(ctx: Context, opts: ShowOptions): Promise<void> {
  checkColumns(ctx, showFields);
  const client = await ctx.client(await ctx.region());
  const detail = await describe(ctx, client, await locateGuest(ctx, client, opts.kind, opts.guest));
  await printObject(ctx, { value: detail, fields: showFields, sections: showSections(detail) });
}

async function describe(ctx: Context, client: PveClient, located: Located): Promise<GuestDetail> {
  const { guest } = located;
  if (guest.status === 'unknown') {
    // QUIRKS C1: its node is offline (or has no data yet); node-scoped calls would only fail
    ctx.warn(`node ${guest.node} does not report on ${guest.vmid}: configuration and IP addresses are not available`);
    return { ...guest, config: null, pending: [], ips: [] };
  }
  const current = located.current ? Promise.resolve(located.current) : getCurrentStatus(client, guest);
  const pool = located.poolKnown ? guest.pool : guestPool(client, guest);
  const config = getConfig(client, guest);
  const pending = getPending(client, guest);
  const live = current.then((c) => fresh(guest, c));
  const ips = Promise.all([live, config]).then(([g, cfg]) => guestIps(client, g, cfg));
  const [g, cfg, changes, addresses, poolid] = await Promise.all([live, config, pending, ips, pool]);
  const { digest: _digest, ...rest } = cfg;
  return { ...g, pool: poolid, config: rest, pending: pendingChanges(changes), ips: addresses };
}

/** status/current is fresher than the resource list; QUIRKS C4: qmpstatus says paused/suspended. */
function fresh(guest: Guest, current: Record<string, unknown>): Guest {
  const live = toGuest(
    { ...current, type: guest.type, vmid: guest.vmid, status: current.qmpstatus ?? current.status },
    guest.region,
  );
  if (!live) return guest;
  return {
    ...guest,
    status: live.status,
    cpu: live.cpu ?? guest.cpu,
    mem: live.mem ?? guest.mem,
    uptime: live.uptime ?? guest.uptime,
    lock: live.lock,
  };
}

export function pendingChanges(entries: Record<string, unknown>[]): PendingChange[] {
  return entries
    .filter(
      (e) =>
        e.key !== 'digest' &&
        (e.pending !== undefined || (e.delete !== undefined && e.delete !== 0 && e.delete !== '0')),
    )
    .map((e) => ({
      key: String(e.key),
      value: str(e.value) ?? null,
      pending: str(e.pending) ?? null,
      delete: bool(e.delete) || e.delete === 2 || e.delete === '2',
    }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
