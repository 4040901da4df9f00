// Addresses a guest shows from inside: DHCP from 10.10.0.0/16 (deterministic per vmid) or static ipconfig/ip=.
import type { Guest } from './types.js';
import { parseProps } from './sizes.js';
import { macOf } from './config-values.js';

export interface Addr {
  ip: string;
  prefix: number;
  family: 4 | 6;
}

export function dhcpAddress(vmid: number): string {
  return `10.10.${Math.floor(vmid / 250) % 256}.${(vmid % 250) + 2}`;
}

// EUI-64 link-local address from a MAC.
export function linkLocal(mac: string): string {
  const b = mac.split(':').map((x) => parseInt(x, 16));
  b[0] = (b[0] ?? 0) ^ 2;
  const h = (x: number, y: number) => ((x << 8) | y).toString(16);
  return `fe80::${h(b[0]!, b[1]!)}:${h(b[2]!, 0xff)}:${h(0xfe, b[3]!)}:${h(b[4]!, b[5]!)}`;
}

export function primaryNic(g: Guest): { mac: string; addrs: Addr[] } {
  const net0 = g.config.net0 === undefined ? undefined : String(g.config.net0);
  const mac = macOf(g.type, net0) ?? 'BC:24:11:00:00:00';
  const ipSpec =
    g.type === 'qemu' ? parseProps(String(g.config.ipconfig0 ?? '')).get('ip') : parseProps(net0 ?? '').get('ip');
  const addrs: Addr[] = [];
  const m = ipSpec ? /^([\d.]+)\/(\d+)$/.exec(ipSpec) : null;
  if (m) addrs.push({ ip: m[1]!, prefix: Number(m[2]), family: 4 });
  else if (ipSpec !== 'manual') addrs.push({ ip: dhcpAddress(g.vmid), prefix: 16, family: 4 });
  addrs.push({ ip: linkLocal(mac), prefix: 64, family: 6 });
  return { mac, addrs };
}

// Some guests run docker, which adds a bridge with its own address.
export function hasDocker(vmid: number): boolean {
  return vmid % 3 === 1;
}
