// A guest's IP addresses: live from the guest agent (qemu) or the container's netns (lxc), else
// the static address of its configuration. QUIRKS G1/G2: QGA answers {result: [...]}, LXC a list
// (null when stopped); `ip-addresses` may be missing; agent failures are 500s that only mean
// "no addresses yet". Addresses are returned without prefix length, IPv4 before IPv6, those of the
// NIC with net0's MAC only (when it has any), loopback and link-local left out.
import { ApiError } from '../errors.js';
import type { PveClient } from './client.js';
import { agentNetworkInterfaces } from './agent.js';
import type { GuestKind } from './guests.js';
import { containerInterfaces } from './lxc.js';
import { parsePropertyString } from '../lib/values.js';

export interface IpTarget {
  node: string;
  type: GuestKind;
  vmid: number;
  status: string;
}

interface Nic {
  name?: unknown;
  'hardware-address'?: unknown;
  hwaddr?: unknown;
  'ip-addresses'?: unknown;
  inet?: unknown;
  inet6?: unknown;
}

export async function guestIps(client: PveClient, guest: IpTarget, config: Record<string, unknown>): Promise<string[]> {
  const live = guest.status === 'running' ? await liveNics(client, guest, config) : [];
  const ips = orderAddresses(live, primaryMac(guest.type, config));
  return ips.length > 0 ? ips : staticIps(guest.type, config);
}

async function liveNics(client: PveClient, g: IpTarget, config: Record<string, unknown>): Promise<Nic[]> {
  try {
    if (g.type === 'qemu') return agentEnabled(config.agent) ? await agentNetworkInterfaces(client, g) : [];
    return await containerInterfaces(client, g);
  } catch (err) {
    // 500: agent not configured / not running / VM not running: no addresses yet, not a failure
    if (err instanceof ApiError && err.status === 500) return [];
    throw err;
  }
}

/** `agent: "1"` or `"enabled=1,fstrim_cloned_disks=1"`; the parser is lenient about words (B3). */
export function agentEnabled(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  const enabled = parsePropertyString(String(v), 'enabled').enabled ?? '';
  return ['1', 'on', 'yes', 'true'].includes(enabled.toLowerCase());
}

const MAC_RE = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;

/** net0's MAC: qemu `virtio=BC:24:…,bridge=…` (model=MAC) or `macaddr=`; lxc `hwaddr=`. */
export function primaryMac(kind: GuestKind, config: Record<string, unknown>): string | undefined {
  if (typeof config.net0 !== 'string') return undefined;
  const props = parsePropertyString(config.net0);
  const direct = kind === 'lxc' ? props.hwaddr : props.macaddr;
  const mac = direct ?? Object.values(props).find((v) => MAC_RE.test(v));
  return mac && MAC_RE.test(mac) ? mac.toLowerCase() : undefined;
}

function nicMac(nic: Nic): string | undefined {
  const mac = nic['hardware-address'] ?? nic.hwaddr;
  return typeof mac === 'string' ? mac.toLowerCase() : undefined;
}

function nicAddresses(nic: Nic): string[] {
  const list = nic['ip-addresses'];
  if (Array.isArray(list)) {
    return list
      .map((a) => (a as Record<string, unknown>)?.['ip-address'])
      .filter((a): a is string => typeof a === 'string');
  }
  // legacy LXC keys: "addr/prefix" of the last address of each family
  return [nic.inet, nic.inet6].filter((a): a is string => typeof a === 'string').map(stripPrefix);
}

/** Container-runtime and bridge interfaces inside a guest: their addresses are not the guest's. */
const INNER_BRIDGE_RE = /^(docker\d*|br-|veth|virbr|cni|flannel|cali|lxcbr|podman)/;

/**
 * The addresses of the NIC whose MAC is net0's (PVE's own NIC). Only when no NIC matches (no MAC
 * known, or the agent reports none yet) do other NICs count, container bridges last resort.
 */
export function orderAddresses(nics: Nic[], mac: string | undefined): string[] {
  const usable = nics.filter((n) => n && n.name !== 'lo');
  const primary = mac ? usable.filter((n) => nicMac(n) === mac) : [];
  const outer = usable.filter((n) => !primary.includes(n) && !INNER_BRIDGE_RE.test(String(n.name ?? '')));
  const inner = usable.filter((n) => !primary.includes(n) && !outer.includes(n));
  for (const group of [primary, outer, inner]) {
    const addrs = [...new Set(group.flatMap(nicAddresses).map(stripPrefix).filter(isRoutable))];
    if (addrs.length > 0) return [...addrs.filter((x) => !x.includes(':')), ...addrs.filter((x) => x.includes(':'))];
  }
  return [];
}

/** Static addresses: qemu cloud-init `ipconfig0: ip=…,ip6=…`; lxc `net0: …,ip=…,ip6=…`. */
export function staticIps(kind: GuestKind, config: Record<string, unknown>): string[] {
  const source = kind === 'qemu' ? config.ipconfig0 : config.net0;
  if (typeof source !== 'string') return [];
  const props = parsePropertyString(source);
  return [props.ip, props.ip6]
    .filter((a): a is string => typeof a === 'string' && /[.:]/.test(a))
    .map(stripPrefix)
    .filter(isRoutable);
}

function stripPrefix(addr: string): string {
  const slash = addr.indexOf('/');
  return slash < 0 ? addr : addr.slice(0, slash);
}

/** Not loopback (127.0.0.0/8, ::1) and not link-local (169.254.0.0/16, fe80::/10). */
export function isRoutable(addr: string): boolean {
  const a = addr.toLowerCase();
  if (a.includes(':')) {
    const first = a.startsWith(':') ? 0 : parseInt(a.slice(0, a.indexOf(':')), 16);
    return a !== '::1' && (first & 0xffc0) !== 0xfe80;
  }
  return !a.startsWith('127.') && !a.startsWith('169.254.');
}
