// Network-address formats (pve-common JSONSchema.pm / Tools.pm rules): each validator returns
// null when the value is fine, else the message PVE dies with.
import { perlFull } from './perl-end.js';

const OCTET = '(?:25[0-5]|(?:2[0-4]|1[0-9]|[1-9])?[0-9])';
export const IPV4_SRC = `(?:(?:${OCTET}\\.){3}${OCTET})`;
const H16 = '(?:[0-9a-fA-F]{1,4})';
const LS32 = `(?:(?:${IPV4_SRC}|${H16}:${H16}))`;
// Same alternatives as PVE's $IPV6RE: 8 groups, or "::" compression at each position.
export const IPV6_SRC =
  '(?:' +
  [
    `(?:(?:(?:${H16}:){6})${LS32})`,
    `(?:(?:::(?:${H16}:){5})${LS32})`,
    `(?:(?:(?:${H16})?::(?:${H16}:){4})${LS32})`,
    `(?:(?:(?:(?:${H16}:){0,1}${H16})?::(?:${H16}:){3})${LS32})`,
    `(?:(?:(?:(?:${H16}:){0,2}${H16})?::(?:${H16}:){2})${LS32})`,
    `(?:(?:(?:(?:${H16}:){0,3}${H16})?::(?:${H16}:){1})${LS32})`,
    `(?:(?:(?:(?:${H16}:){0,4}${H16})?::)${LS32})`,
    `(?:(?:(?:(?:${H16}:){0,5}${H16})?::)${H16})`,
    `(?:(?:(?:(?:${H16}:){0,6}${H16})?::))`,
  ].join('|') +
  ')';

const IPV4 = new RegExp(`^${IPV4_SRC}$`);
const IPV6 = new RegExp(`^${IPV6_SRC}$`);
const CIDR4 = new RegExp(`^${IPV4_SRC}/(\\d+)$`);
const CIDR6 = new RegExp(`^${IPV6_SRC}/(\\d+)$`);
const MAC = /^[a-f0-9][02468ace](?::[a-f0-9]{2}){5}$/i;
const DNS = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?\.)*[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/;

export const isIPv4 = (v: string): boolean => perlFull(IPV4, v);
export const isIPv6 = (v: string): boolean => perlFull(IPV6, v);

function cidr(re: RegExp, v: string, max: number): boolean {
  const m = re.exec(v.endsWith('\n') ? v.slice(0, -1) : v);
  return !!m && Number(m[1]) > 7 && Number(m[1]) <= max;
}
export const isCidr4 = (v: string): boolean => cidr(CIDR4, v, 32);
export const isCidr6 = (v: string): boolean => cidr(CIDR6, v, 128);
export const isDnsName = (v: string): boolean => perlFull(DNS, v);

type Check = (v: string) => string | null;

const MASKS = new Set(
  Array.from({ length: 33 }, (_, n) => {
    const bits = n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0;
    return [24, 16, 8, 0].map((s) => (bits >>> s) & 255).join('.');
  }),
);

export const netFormats: Record<string, Check> = {
  'mac-addr': (v) => (perlFull(MAC, v) ? null : 'value does not look like a valid unicast MAC address'),
  ipv4: (v) => (isIPv4(v) ? null : 'value does not look like a valid IPv4 address'),
  ipv6: (v) => (isIPv6(v) ? null : 'value does not look like a valid IPv6 address'),
  ip: (v) => (isIPv4(v) || isIPv6(v) ? null : 'value does not look like a valid IP address'),
  ipv4mask: (v) => (MASKS.has(v) ? null : 'value does not look like a valid IP netmask'),
  CIDRv4: (v) => (isCidr4(v) ? null : 'value does not look like a valid IPv4 CIDR network'),
  CIDRv6: (v) => (isCidr6(v) ? null : 'value does not look like a valid IPv6 CIDR network'),
  CIDR: (v) => (isCidr4(v) || isCidr6(v) ? null : 'value does not look like a valid CIDR network'),
  'pve-ipv4-config': (v) =>
    /^(?:dhcp|manual)$/.test(v) || isCidr4(v) ? null : 'value does not look like a valid ipv4 network configuration',
  'pve-ipv6-config': (v) =>
    /^(?:auto|dhcp|manual)$/.test(v) || isCidr6(v)
      ? null
      : 'value does not look like a valid ipv6 network configuration',
  'dns-name': (v) => (isDnsName(v) ? null : 'value does not look like a valid DNS name'),
  address: (v) => (isIPv4(v) || isIPv6(v) || isDnsName(v) ? null : `value does not look like a valid address: ${v}`),
  'pve-iface': (v) =>
    perlFull(/^[a-z][a-z0-9_]{1,20}(?:[:.]\d+)?$/i, v) ? null : `invalid network interface name '${v}'`,
  'pve-bridge-id': (v) => (perlFull(/^[-_.\w\d]+$/, v) ? null : `invalid bridge ID '${v}'`),
};
