// `--ip auto`: the first address of the region's IP pool that no guest of the cluster uses (read
// from every guest's configuration: qemu `ipconfigN`, lxc `netN`). A new guest's configuration
// holds its address only once its create task has ended (until then it is just `lock: create`),
// so an address handed out is reserved, from choosing it until the configuration holds it, in a
// per-region file that pvectl processes read and change only under a per-region lock file. The
// lock is held for the choice, not for the create, so parallel creates still run in parallel.
// Creates from elsewhere (another machine, the web UI) cannot see the reservations, so the
// address is checked again once the guest exists: of two guests holding the same address, the
// one with the higher VMID moves to the next free one.
import { getConfig } from '../api/guest-config.js';
import { listGuests, type Guest } from '../api/guests.js';
import { nodeIndex } from '../api/nodes.js';
import type { IpPool, Region } from '../config/types.js';
import { NotFoundError, UsageError } from '../errors.js';
import { runPool } from '../lib/pool.js';
import { parsePropertyString } from '../lib/values.js';
import { reservationBook } from './ip-reservations.js';
import { addressPart, contains, formatIpv4, hostRange, parseCidr, parseIpv4 } from './ipv4.js';
import type { Session } from './session.js';

export interface Lease {
  address: string;
  prefix: number;
  gateway: string;
  dns: string[];
  /** keep the reservation after use (the guest's task was left running: --no-wait) */
  keep(): void;
}

interface Pool {
  cidrText: string;
  prefix: number;
  first: number;
  last: number;
  gateway: string;
  dns: string[];
}

export function regionPool(region: Region): Pool {
  const pool: IpPool | undefined = region.ipPool;
  if (!pool) {
    throw new UsageError(`--ip auto: region "${region.name}" has no IP pool`, {
      hint:
        'Give the region an ipPool {cidr, gateway, start?, end?, dns?} in its configuration, or pass --ip dhcp ' +
        'or --ip ADDR/PREFIX --gw GW.',
    });
  }
  const bad = (what: string) => new UsageError(`region "${region.name}": ipPool ${what}`);
  const cidr = parseCidr(pool.cidr);
  if (!cidr) throw bad(`cidr "${pool.cidr}" is not an IPv4 block like 192.0.2.0/24`);
  const gateway = parseIpv4(pool.gateway);
  if (gateway === undefined || !contains(cidr, gateway))
    throw bad(`gateway "${pool.gateway}" is not inside ${pool.cidr}`);
  const hosts = hostRange(cidr);
  const bound = (value: string | undefined, fallback: number, name: string) => {
    if (value === undefined) return fallback;
    const n = parseIpv4(value);
    if (n === undefined || !contains(cidr, n)) throw bad(`${name} "${value}" is not inside ${pool.cidr}`);
    return n;
  };
  const first = bound(pool.start, hosts.first, 'start');
  const last = bound(pool.end, hosts.last, 'end');
  if (first > last) throw bad(`start ${pool.start} comes after end ${pool.end}`);
  return { cidrText: pool.cidr, prefix: cidr.prefix, first, last, gateway: formatIpv4(gateway), dns: pool.dns ?? [] };
}

/** Every IPv4 address a guest's configuration claims, with the guest's VMID. */
export async function usedAddresses(s: Session): Promise<Map<string, number[]>> {
  const guests = await listGuests(s.client);
  const online = new Set((await nodeIndex(s.client)).filter((n) => n.status === 'online').map((n) => String(n.node)));
  const readable = guests.filter((g) => online.has(g.node));
  if (readable.length < guests.length) {
    s.ctx.warn(
      `the addresses of ${guests.length - readable.length} guest(s) on offline nodes are not known; --ip ` +
        `auto cannot avoid them`,
    );
  }
  const configs = await runPool(readable, 8, (g) => getConfig(s.client, g), s.ctx.signal);
  const used = new Map<string, number[]>();
  configs.forEach((r, i) => {
    const g = readable[i]!;
    if (r.status === 'rejected') {
      if (r.reason instanceof NotFoundError) return; // deleted meanwhile
      throw r.reason;
    }
    for (const address of configAddresses(g, r.value)) used.set(address, [...(used.get(address) ?? []), g.vmid]);
  });
  return used;
}

export function configAddresses(g: Pick<Guest, 'type'>, config: Record<string, unknown>): string[] {
  const keyRe = g.type === 'qemu' ? /^ipconfig\d+$/ : /^net\d+$/;
  const out: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    if (!keyRe.test(key) || typeof value !== 'string') continue;
    const ip = parsePropertyString(value).ip;
    if (ip && parseIpv4(addressPart(ip)) !== undefined) out.push(addressPart(ip));
  }
  return out;
}

function firstFree(pool: Pool, used: Map<string, number[]>, reserved: Set<string>): Omit<Lease, 'keep'> {
  const skip = new Set([pool.gateway, ...pool.dns]);
  for (let n = pool.first; n <= pool.last; n++) {
    const address = formatIpv4(n);
    if (!used.has(address) && !reserved.has(address) && !skip.has(address)) {
      return { address, prefix: pool.prefix, gateway: pool.gateway, dns: pool.dns };
    }
  }
  throw new UsageError(`--ip auto: every address of the region's IP pool ${pool.cidrText} is in use`, {
    hint: 'Widen ipPool (start/end) in the region configuration, or pass --ip ADDR/PREFIX --gw GW.',
  });
}

/** Before the first write: refuses (exit 2) when no pool address is free, reserving nothing. */
export async function checkPoolRoom(s: Session): Promise<void> {
  const reserved = s.dryRun ? {} : reservationBook(s).peek();
  firstFree(regionPool(s.region), await usedAddresses(s), new Set(Object.keys(reserved)));
}

/**
 * Picks the first free pool address, reserves it and runs `use(lease)`, which must leave the
 * address in the new guest's configuration (for a create: until its task has ended). The
 * reservation is dropped afterwards, unless `lease.keep()` was called (a task left running).
 * Nothing is reserved under --dry-run: nothing is created.
 */
export async function withPoolAddress<T>(s: Session, use: (lease: Lease) => Promise<T>): Promise<T> {
  const pool = regionPool(s.region);
  if (s.dryRun) return use({ ...firstFree(pool, await usedAddresses(s), new Set()), keep() {} });
  const book = reservationBook(s);
  const picked = await book.update(async (reserved) => {
    const lease = firstFree(pool, await usedAddresses(s), new Set(Object.keys(reserved)));
    reserved[lease.address] = { pid: process.pid, until: s.ctx.clock.now() + s.timeoutMs + 60_000 };
    return lease;
  });
  let kept = false;
  try {
    return await use({ ...picked, keep: () => void (kept = true) });
  } finally {
    if (!kept) {
      await book
        .update(async (reserved) => void delete reserved[picked.address])
        .catch((err: unknown) => {
          s.ctx.warn(
            `could not drop the reservation of ${picked.address}: ${err instanceof Error ? err.message : String(err)}`,
          );
        });
    }
  }
}

/**
 * The check after creation: when a guest with a lower VMID claims the same address (made outside
 * pvectl's reservations, e.g. from another machine), this guest moves to the next free address
 * via `apply`. Returns the address kept.
 */
export async function recheckAddress(
  s: Session,
  vmid: number,
  lease: Lease,
  apply: (lease: Lease) => Promise<void>,
): Promise<Lease> {
  if (s.dryRun) return lease;
  const holders = (await usedAddresses(s)).get(lease.address) ?? [];
  if (!holders.some((other) => other < vmid)) return lease;
  return withPoolAddress(s, async (next) => {
    s.ctx.warn(
      `${lease.address} is also claimed by guest ${holders.filter((v) => v !== vmid).join(', ')}; using ` +
        `${next.address} instead`,
    );
    await apply(next);
    return next;
  });
}
