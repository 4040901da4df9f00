// Which nodes a region has, for commands that take a node name or act on guests that live on one:
// an unknown node is "not found" (exit 3) before anything is sent, and a guest on an offline node
// is reported as such instead of as missing (QUIRKS C1: its entry has no name and no stats).
import type { PveClient } from '../../api/client.js';
import { listNodes, type NodeRow } from '../../api/nodes.js';
import { NotFoundError } from '../../errors.js';

/** The node named, or NotFoundError listing the region's nodes. */
export async function requireNode(client: PveClient, node: string): Promise<NodeRow> {
  const nodes = await listNodes(client);
  const hit = nodes.find((n) => n.node === node);
  if (hit) return hit;
  throw unknownNode(client.region, node, nodes);
}

export function unknownNode(region: string, node: string, nodes: ReadonlyArray<{ node?: unknown }>): NotFoundError {
  const known = nodes.map((n) => String(n.node)).sort();
  return new NotFoundError(`no node "${node}" in region "${region}"`, {
    hint: `Nodes: ${known.join(', ') || 'none visible to this token'}.`,
  });
}

/** Names of the region's offline nodes. */
export async function offlineNodes(client: PveClient): Promise<Set<string>> {
  return new Set((await listNodes(client)).filter((n) => n.status === 'offline').map((n) => n.node));
}
