// Nodes as the contract shows them, from /cluster/resources (QUIRKS C1: an offline node has no
// stats at all, so every stat is nullable), plus the per-node reads of `node show`.
import type { PveClient } from './client.js';
import { getResources, type RawResource } from './cluster.js';
import { apiPath } from './path.js';
import { expectArray, expectObject, type Obj } from './shape.js';
import { bool, num, str } from '../lib/values.js';

export interface NodeRow {
  node: string;
  status: 'online' | 'offline';
  cpu: number | null;
  maxcpu: number | null;
  mem: number | null;
  maxmem: number | null;
  disk: number | null;
  maxdisk: number | null;
  uptime: number | null;
  region: string;
}

export async function listNodes(client: PveClient): Promise<NodeRow[]> {
  const raw = await getResources(client, 'node');
  return raw.filter((r) => r.type === 'node').map((r) => toNode(r, client.region));
}

/** The contract knows online and offline; "unknown" (no RRD data yet) cannot be used either. */
export function toNode(r: RawResource, region: string): NodeRow {
  const online = r.status === 'online';
  const stat = (v: unknown) => (online ? (num(v) ?? null) : null);
  return {
    node: str(r.node) ?? String(r.id ?? '').replace(/^node\//, ''),
    status: online ? 'online' : 'offline',
    cpu: stat(r.cpu),
    maxcpu: stat(r.maxcpu),
    mem: stat(r.mem),
    maxmem: stat(r.maxmem),
    disk: stat(r.disk),
    maxdisk: stat(r.maxdisk),
    uptime: stat(r.uptime),
    region,
  };
}

export interface NodeStatus {
  pveversion: string | null;
  kernel: string | null;
  /** 1, 5 and 15 minutes; the API sends them as strings (QUIRKS B1) */
  loadavg: number[];
  cpuinfo: {
    model: string | null;
    cpus: number | null;
    sockets: number | null;
    cores: number | null;
    mhz: number | null;
  };
}

/** GET /nodes: `node` and `status` (online|offline|unknown) of every member, stats when online. */
export async function getNodeIndex(client: PveClient): Promise<Obj[]> {
  return expectArray('GET /nodes', await client.get<unknown>('/nodes'));
}

export async function nodeStatus(client: PveClient, node: string): Promise<NodeStatus> {
  const path = apiPath`/nodes/${node}/status`;
  const s = expectObject(`GET ${path}`, await client.get<unknown>(path));
  const cpu = (s.cpuinfo ?? {}) as Record<string, unknown>;
  const kernel = (s['current-kernel'] ?? {}) as Record<string, unknown>;
  return {
    pveversion: str(s.pveversion) ?? null,
    kernel: str(kernel.release) ?? str(s.kversion) ?? null,
    loadavg: Array.isArray(s.loadavg) ? s.loadavg.map(num).filter((n): n is number => n !== undefined) : [],
    cpuinfo: {
      model: str(cpu.model) ?? null,
      cpus: num(cpu.cpus) ?? null,
      sockets: num(cpu.sockets) ?? null,
      cores: num(cpu.cores) ?? null,
      mhz: num(cpu.mhz) ?? null,
    },
  };
}

export interface NodeStorage {
  storage: string;
  type: string;
  content: string[];
  shared: boolean;
  active: boolean;
  enabled: boolean;
  total: number | null;
  used: number | null;
  avail: number | null;
}

export async function listNodeStorages(client: PveClient, node: string): Promise<NodeStorage[]> {
  const path = apiPath`/nodes/${node}/storage`;
  const raw = expectArray(`GET ${path}`, await client.get<unknown>(path));
  return raw
    .map((s) => ({
      storage: str(s.storage) ?? '',
      type: str(s.type) ?? '',
      content: (str(s.content) ?? '').split(/[,\s]+/).filter(Boolean),
      shared: bool(s.shared),
      // absent means the node could not tell; only an explicit 0 is inactive/disabled
      active: s.active === undefined || bool(s.active),
      enabled: s.enabled === undefined || bool(s.enabled),
      total: num(s.total) ?? null,
      used: num(s.used) ?? null,
      avail: num(s.avail) ?? null,
    }))
    .sort((a, b) => (a.storage < b.storage ? -1 : a.storage > b.storage ? 1 : 0));
}

export interface NodeIndexEntry {
  node: string;
  status?: string;
  mem?: number;
  maxmem?: number;
}

/** `GET /nodes`: every node with its status and memory (offline nodes without the figures). */
export async function nodeIndex(client: PveClient): Promise<NodeIndexEntry[]> {
  return (await client.get<NodeIndexEntry[] | null>('/nodes')) ?? [];
}

/** The node's bridges (Linux and OVS), sorted by name. */
export async function nodeBridges(client: PveClient, node: string): Promise<string[]> {
  const ifaces = await client.get<{ iface?: unknown }[] | null>(apiPath`/nodes/${node}/network`, {
    type: 'any_bridge',
  });
  return (ifaces ?? []).map((i) => String(i.iface)).sort();
}
