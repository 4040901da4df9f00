// Nodes as the contract shows them, from /cluster/resources (QUIRKS C1: an offline node has no
// stats at all, so every stat is nullable), plus the per-node reads of `node show`.
import type { PveClient } from './client.js';
import { getResources, type RawResource } from './cluster.js';
import { apiPath } from './path.js';
import { expectArray, expectFields, expectObject } from './shape.js';
import { num, str } from '../lib/values.js';

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

export interface NodeIndexEntry {
  node: string;
  status?: string;
  mem?: number;
  maxmem?: number;
}

/** GET /nodes: every member with its `status` (online|offline|unknown); stats only when online. */
export async function nodeIndex(client: PveClient): Promise<NodeIndexEntry[]> {
  const raw = expectArray('GET /nodes', await client.get<unknown>('/nodes'));
  raw.forEach((n) => expectFields('GET /nodes', n, { node: 'string' }));
  return raw.map((n) => ({ node: String(n.node), status: str(n.status), mem: num(n.mem), maxmem: num(n.maxmem) }));
}

/** GET /nodes/{node}/network?type=any_bridge: the node's bridges (Linux and OVS), sorted by name. */
export async function nodeBridges(client: PveClient, node: string): Promise<string[]> {
  const path = apiPath`/nodes/${node}/network`;
  const ifaces = expectArray(`GET ${path}`, await client.get<unknown>(path, { type: 'any_bridge' }));
  ifaces.forEach((i) => expectFields(`GET ${path}`, i, { iface: 'string' }));
  return ifaces.map((i) => String(i.iface)).sort();
}
