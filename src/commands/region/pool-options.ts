// `region add --ip-pool/--gateway/--ip-range/--dns` and `--vmid-range`: the region's own
// address pool for `--ip auto` and the VMIDs its new guests get.
import { isIP } from 'node:net';
import { UsageError } from '../../errors.js';
import type { IpPool } from '../../config/types.js';

interface PoolFlags {
  ipPool?: string;
  gateway?: string;
  ipRange?: string;
  dns?: string;
}

export function parseIpPool(flags: PoolFlags): IpPool | undefined {
  if (flags.ipPool === undefined) {
    const stray = (['gateway', 'ipRange', 'dns'] as const).filter((k) => flags[k] !== undefined);
    if (stray.length > 0) {
      const names = stray.map((k) => (k === 'ipRange' ? '--ip-range' : `--${k}`)).join(', ');
      throw new UsageError(`${names} describe the IP pool: give --ip-pool CIDR as well`);
    }
    return undefined;
  }
  const cidr = parseCidr(flags.ipPool);
  if (flags.gateway === undefined)
    throw new UsageError('--ip-pool needs --gateway IP (the gateway guests of the pool use)');
  const pool: IpPool = { cidr: cidr.text, gateway: parseAddress(flags.gateway, '--gateway', cidr.family) };
  if (flags.ipRange !== undefined) {
    const [start, end, extra] = flags.ipRange.split('-').map((s) => s.trim());
    if (!start || !end || extra !== undefined)
      throw new UsageError(`--ip-range "${flags.ipRange}" must be FIRST-LAST, e.g. 192.0.2.100-192.0.2.199`);
    pool.start = parseAddress(start, '--ip-range', cidr.family);
    pool.end = parseAddress(end, '--ip-range', cidr.family);
    if (cidr.family === 4) {
      for (const ip of [pool.start, pool.end]) {
        if (!inCidr4(ip, cidr)) throw new UsageError(`--ip-range: ${ip} is outside --ip-pool ${cidr.text}`);
      }
      if (ipv4ToInt(pool.start) > ipv4ToInt(pool.end))
        throw new UsageError(`--ip-range "${flags.ipRange}": the first address comes after the last`);
    }
  }
  if (flags.dns !== undefined) {
    pool.dns = flags.dns
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((ip) => parseAddress(ip, '--dns'));
    if (pool.dns.length === 0) throw new UsageError('--dns needs at least one address');
  }
  return pool;
}

interface Cidr {
  text: string;
  family: 4 | 6;
  address: string;
  prefix: number;
}

function parseCidr(value: string): Cidr {
  const m = /^([^/\s]+)\/(\d{1,3})$/.exec(value.trim());
  const family = m ? isIP(m[1]!) : 0;
  const prefix = m ? Number(m[2]) : -1;
  if (!m || family === 0 || prefix > (family === 4 ? 32 : 128) || prefix < 1) {
    throw new UsageError(`--ip-pool "${value}" is not a CIDR range, e.g. 192.0.2.0/24`);
  }
  return { text: `${m[1]!.toLowerCase()}/${prefix}`, family: family === 4 ? 4 : 6, address: m[1]!, prefix };
}

function parseAddress(value: string, flag: string, family?: 4 | 6): string {
  const v = value.trim().toLowerCase();
  const f = isIP(v);
  if (f === 0) throw new UsageError(`${flag}: "${value}" is not an IP address`);
  if (family && f !== family) throw new UsageError(`${flag}: ${value} is IPv${f} but --ip-pool is IPv${family}`);
  return v;
}

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

function inCidr4(ip: string, cidr: Cidr): boolean {
  const size = 2 ** (32 - cidr.prefix);
  const base = Math.floor(ipv4ToInt(cidr.address) / size) * size;
  const n = ipv4ToInt(ip);
  return n >= base && n < base + size;
}

export function parseVmidRange(value: string): { min: number; max: number } {
  const m = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(value);
  const min = m ? Number(m[1]) : NaN;
  const max = m ? Number(m[2]) : NaN;
  if (!m || min < 100 || max > 999_999_999 || min > max) {
    throw new UsageError(`--vmid-range "${value}" must be MIN-MAX with 100 <= MIN <= MAX <= 999999999, e.g. 1000-1999`);
  }
  return { min, max };
}
