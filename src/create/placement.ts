// Where a new guest goes, checked before anything is created: the node (named, region default, or
// the online node with the most free memory), a storage on it for the disks, a bridge, a pool.
// Every refusal is a usage error (exit 2) that lists what would be valid.
import type { PveClient } from '../api/client.js';
import { listPools } from '../api/cluster.js';
import { listGuests, type Guest } from '../api/guests.js';
import { nodeBridges, nodeIndex } from '../api/nodes.js';
import { nodeStorages, type StorageInfo } from '../api/storage.js';
import { UsageError } from '../errors.js';
import { num } from '../lib/values.js';
import { formatBytes } from '../output/humanize.js';

export interface NodeInfo {
  node: string;
  online: boolean;
  freeMem: number;
  /** total memory in bytes (0 when the node does not say, e.g. offline) */
  maxMem: number;
}

export interface ClusterView {
  nodes: NodeInfo[];
  guests: Guest[];
  /** pool ids, when a pool was asked for */
  pools?: string[];
}

export async function readCluster(client: PveClient, withPools: boolean): Promise<ClusterView> {
  const [nodes, guests, pools] = await Promise.all([
    nodeIndex(client),
    listGuests(client),
    withPools ? listPools(client) : Promise.resolve(undefined),
  ]);
  return {
    nodes: nodes
      .map((n) => ({
        node: String(n.node),
        online: n.status === 'online',
        freeMem: (num(n.maxmem) ?? 0) - (num(n.mem) ?? 0),
        maxMem: num(n.maxmem) ?? 0,
      }))
      .sort((a, b) => a.node.localeCompare(b.node)),
    guests,
    pools,
  };
}

const list = (items: string[]) => items.join(', ') || '(none)';
const MiB = 1024 ** 2;

/** Names address guests (`pvectl vm start web-1`), so a second guest of the same name is refused. */
export function checkNameFree(cluster: ClusterView, name: string): void {
  const same = cluster.guests.filter((g) => g.name.toLowerCase() === name.toLowerCase());
  if (same.length > 0) {
    const what = same.map((g) => `${g.type === 'qemu' ? 'VM' : 'CT'} ${g.vmid} on ${g.node}`).join(', ');
    throw new UsageError(`the name "${name}" is taken (${what}); guest names must be unique to address guests by name`);
  }
}

export function checkNode(cluster: ClusterView, name: string, source: string): NodeInfo {
  const node = cluster.nodes.find((n) => n.node === name);
  if (!node)
    throw new UsageError(
      `${source} "${name}" is not a node of this cluster. Valid: ${list(cluster.nodes.map((n) => n.node))}`,
    );
  if (!node.online) {
    throw new UsageError(
      `${source} "${name}" is offline. Online nodes: ${list(cluster.nodes.filter((n) => n.online).map((n) => n.node))}`,
    );
  }
  return node;
}

/** A guest cannot have more memory than its node has in all: refused before anything is created. */
export function checkMemory(cluster: ClusterView, node: string, memMiB: number, source: string): void {
  const info = cluster.nodes.find((n) => n.node === node);
  if (!info || info.maxMem <= 0 || memMiB * MiB <= info.maxMem) return;
  const bigger = cluster.nodes
    .filter((n) => n.online && n.maxMem >= memMiB * MiB)
    .map((n) => `${n.node} (${formatBytes(n.maxMem)})`);
  throw new UsageError(`${source} ${memMiB} MiB is more than node ${node} has in all: ${formatBytes(info.maxMem)}`, {
    hint:
      bigger.length > 0
        ? `Nodes with that much memory: ${bigger.join(', ')}; pick one with --node.`
        : 'No node of this cluster has that much memory.',
  });
}

/** The node named by --node, else the region default, else the online node with the most free memory. */
export function chooseNode(cluster: ClusterView, flag: string | undefined, regionDefault: string | undefined): string {
  if (flag !== undefined) return checkNode(cluster, flag, '--node').node;
  if (regionDefault !== undefined) return checkNode(cluster, regionDefault, 'the region default node').node;
  return roomiestNode(cluster).node;
}

export function roomiestNode(cluster: ClusterView): NodeInfo {
  const online = cluster.nodes.filter((n) => n.online);
  if (online.length === 0) throw new UsageError('no node of this cluster is online');
  return online.reduce((a, b) => (b.freeMem > a.freeMem ? b : a));
}

export function checkPool(cluster: ClusterView, pool: string | undefined, source: string): string | undefined {
  if (pool === undefined) return undefined;
  if (!cluster.pools?.includes(pool))
    throw new UsageError(`${source} "${pool}" does not exist. Valid: ${list(cluster.pools ?? [])}`);
  return pool;
}

export interface NodeFacts {
  storages: StorageInfo[];
  bridges: string[];
}

export async function nodeFacts(
  client: PveClient,
  node: string,
  knownStorages?: Promise<StorageInfo[]>,
): Promise<NodeFacts> {
  const [storages, bridges] = await Promise.all([
    knownStorages ?? nodeStorages(client, node),
    nodeBridges(client, node),
  ]);
  return { storages, bridges };
}

/** A name from a flag, else from the region defaults, with how to call it in a message. */
export function named(flag: string, value: string | undefined, regionDefault: string | undefined) {
  const what = flag.replace(/^--/, '');
  return [value ?? regionDefault, value ? flag : `the region default ${what}`] as const;
}

/** The storage for new disks: named (flag or region default) and checked, else local-lvm, else the first fit. */
export function pickStorage(
  facts: NodeFacts,
  node: string,
  content: 'images' | 'rootdir',
  wanted: string | undefined,
  source: string,
): StorageInfo {
  const fit = facts.storages.filter((s) => s.active && s.content.includes(content));
  if (wanted !== undefined) {
    const found = fit.find((s) => s.storage === wanted);
    if (found) return found;
    const exists = facts.storages.some((s) => s.storage === wanted);
    const why = exists ? `does not hold "${content}" content on ${node}` : `does not exist on ${node}`;
    throw new UsageError(`${source} "${wanted}" ${why}. Valid: ${list(fit.map((s) => s.storage))}`);
  }
  const chosen = fit.find((s) => s.storage === 'local-lvm') ?? fit[0];
  if (!chosen)
    throw new UsageError(`no storage on ${node} holds "${content}" content; enable it on one (Datacenter → Storage)`);
  return chosen;
}

export function pickBridge(facts: NodeFacts, node: string, wanted: string | undefined, source: string): string {
  if (wanted !== undefined) {
    if (facts.bridges.includes(wanted)) return wanted;
    throw new UsageError(`${source} "${wanted}" is not a bridge on ${node}. Valid: ${list(facts.bridges)}`);
  }
  const chosen = facts.bridges.includes('vmbr0') ? 'vmbr0' : facts.bridges[0];
  if (!chosen) throw new UsageError(`${node} has no network bridge`);
  return chosen;
}
