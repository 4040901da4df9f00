// The two small files of a NoCloud seed besides user-data: meta-data (instance-id, hostname) and
// network-config (version 2): DHCP, or a static address with gateway and DNS servers.
import { stringify } from 'yaml';

export interface SeedNetwork {
  /** "dhcp" or "ADDR/PREFIX" */
  ip: string;
  gateway?: string;
  dns: string[];
  searchDomain?: string;
  /** the NIC's MAC when known, so the config matches that NIC and no other */
  mac?: string;
}

export function metaData(vmid: number, hostname: string): string {
  // a new instance-id for every guest makes cloud-init run again on a guest cloned from this one
  return stringify({ 'instance-id': `pvectl-${vmid}-${hostname}`, 'local-hostname': hostname });
}

export function networkConfig(n: SeedNetwork): string {
  const eth: Record<string, unknown> = n.mac
    ? { match: { macaddress: n.mac.toLowerCase() }, 'set-name': 'eth0' }
    : { match: { name: 'e*' } };
  if (n.ip === 'dhcp') {
    eth.dhcp4 = true;
  } else {
    eth.addresses = [n.ip];
    if (n.gateway) eth.routes = [{ to: 'default', via: n.gateway }];
  }
  if (n.dns.length > 0 || n.searchDomain) {
    const ns: Record<string, unknown> = {};
    if (n.dns.length > 0) ns.addresses = n.dns;
    if (n.searchDomain) ns.search = [n.searchDomain];
    eth.nameservers = ns;
  }
  return stringify({ version: 2, ethernets: { eth0: eth } });
}
