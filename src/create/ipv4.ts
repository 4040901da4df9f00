// IPv4 addresses and CIDR blocks as 32-bit numbers, for --ip ADDR/PREFIX and the region IP pool.

export function parseIpv4(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text.trim());
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p, i) => p > 255 || (m[i + 1]!.length > 1 && m[i + 1]!.startsWith('0')))) return undefined;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

export function formatIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export interface Cidr {
  /** the address as written (for ADDR/PREFIX, the host address) */
  address: number;
  prefix: number;
  network: number;
  broadcast: number;
}

export function parseCidr(text: string): Cidr | undefined {
  const m = /^([^/]+)\/(\d{1,2})$/.exec(text.trim());
  if (!m) return undefined;
  const address = parseIpv4(m[1]!);
  const prefix = Number(m[2]);
  if (address === undefined || prefix > 32) return undefined;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  const network = (address & mask) >>> 0;
  return { address, prefix, network, broadcast: (network | (~mask >>> 0)) >>> 0 };
}

export function contains(cidr: Cidr, address: number): boolean {
  return address >= cidr.network && address <= cidr.broadcast;
}

/** Usable host addresses of a block: without network and broadcast (except /31 and /32). */
export function hostRange(cidr: Cidr): { first: number; last: number } {
  if (cidr.prefix >= 31) return { first: cidr.network, last: cidr.broadcast };
  return { first: cidr.network + 1, last: cidr.broadcast - 1 };
}

/** "10.0.0.5/24" or "10.0.0.5" → "10.0.0.5" (as configs write it). */
export function addressPart(text: string): string {
  const slash = text.indexOf('/');
  return slash < 0 ? text : text.slice(0, slash);
}
