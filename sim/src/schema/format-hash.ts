// Named formats that PVE registers as property-string definitions (hash formats). The schema
// only names them, so their keys are described here, written from the qemu-server docs.
import type { FormatMap } from './types.js';

export const hashFormats: Record<string, FormatMap> = {
  // ipconfig[n]: ip=<IPv4/CIDR|dhcp>,gw=<IPv4>,ip6=<IPv6/CIDR|dhcp|auto>,gw6=<IPv6>
  'pve-qm-ipconfig': {
    ip: { type: 'string', format: 'pve-ipv4-config', optional: 1 },
    gw: { type: 'string', format: 'ipv4', optional: 1, requires: 'ip' },
    ip6: { type: 'string', format: 'pve-ipv6-config', optional: 1 },
    gw6: { type: 'string', format: 'ipv6', optional: 1, requires: 'ip6' },
  },
  // boot: [[legacy=]<[acdn]{1,4}>] [,order=<device[;device...]>]
  'pve-qm-boot': {
    legacy: { type: 'string', pattern: '[acdn]{1,4}', optional: 1, default_key: 1 },
    order: { type: 'string', format: 'pve-qm-bootdev-list', optional: 1 },
  },
  // cicustom: [meta=<volume>] [,network=<volume>] [,user=<volume>] [,vendor=<volume>]
  'pve-qm-cicustom': Object.fromEntries(
    ['meta', 'network', 'user', 'vendor'].map((k) => [k, { type: 'string', format: 'pve-volume-id', optional: 1 }]),
  ),
};
