// The address a new guest gets, as Proxmox wants it written: qemu cloud-init `ipconfig0`, lxc
// `net0`, plus `nameserver`/`searchdomain` (the IP pool's DNS servers, the region's domain).
import type { Region } from '../config/types.js';
import type { IpChoice } from './inputs.js';
import { withPoolAddress, type Lease } from './ip-pool.js';
import type { Session } from './session.js';

export interface NetChoice {
  /** "dhcp" or "ADDR/PREFIX" */
  ip: string;
  gateway?: string;
  dns: string[];
  /** set for --ip auto */
  lease?: Lease;
}

export function fromLease(lease: Lease): NetChoice {
  return { ip: `${lease.address}/${lease.prefix}`, gateway: lease.gateway, dns: lease.dns, lease };
}

/** Runs `use` with the guest's address; for --ip auto under the region's IP-pool lock. */
export async function withAddress<T>(s: Session, ip: IpChoice, use: (net: NetChoice) => Promise<T>): Promise<T> {
  if (ip.mode === 'auto') return withPoolAddress(s, (lease) => use(fromLease(lease)));
  if (ip.mode === 'static') return use({ ip: `${ip.address}/${ip.prefix}`, gateway: ip.gateway, dns: [] });
  return use({ ip: 'dhcp', dns: [] });
}

export function qemuIpconfig(net: NetChoice): string {
  return net.gateway ? `ip=${net.ip},gw=${net.gateway}` : `ip=${net.ip}`;
}

export function lxcNet0(bridge: string, net: NetChoice): string {
  return `name=eth0,bridge=${bridge},ip=${net.ip}${net.gateway ? `,gw=${net.gateway}` : ''}`;
}

/** nameserver (space-separated list) and searchdomain, where there is something to say. */
export function dnsParams(region: Region, net: NetChoice): Record<string, string> {
  const out: Record<string, string> = {};
  if (net.dns.length > 0) out.nameserver = net.dns.join(' ');
  if (region.domain) out.searchdomain = region.domain;
  return out;
}
