// A guest on an offline node is listed by /cluster/resources with its VMID and node but without
// its name (QUIRKS C1), so a lookup by name cannot find it: rather than "no VM named …" (exit 3,
// which a script may read as "safe to create it"), say which node is offline and which of its
// guests could be the one (exit 1: the cluster could not answer).
import type { PveClient } from '../../api/client.js';
import { kindLabel, type Guest, type GuestKind } from '../../api/guests.js';
import { NotFoundError, PvectlError } from '../../errors.js';
import { offlineNodes } from '../node/known.js';

/** "no VM named …": the name matched nothing the listing shows. */
export class MissingName extends NotFoundError {
  constructor(
    message: string,
    readonly ref: string,
    options?: { hint?: string },
  ) {
    super(message, options);
  }
}

export async function explainMissingName(
  client: PveClient,
  guests: Guest[],
  kind: GuestKind,
  err: MissingName,
): Promise<PvectlError> {
  const nameless = guests.filter((g) => g.type === kind && !g.name && g.status === 'unknown');
  if (nameless.length === 0) return err;
  const offline = await offlineNodes(client);
  const hidden = nameless.filter((g) => offline.has(g.node));
  if (hidden.length === 0) return err;
  const nodes = [...new Set(hidden.map((g) => g.node))];
  const where = hidden.map((g) => `${g.vmid} on ${g.node}`).join(', ');
  const label = kindLabel(kind);
  return new PvectlError(
    `no ${label} named "${err.ref}" on the online nodes; ${nodes.length === 1 ? 'node' : 'nodes'} ` +
      `${nodes.join(', ')} ${nodes.length === 1 ? 'is' : 'are'} offline and the names of ` +
      `${label}s there are unknown: it may be ${where}`,
    { hint: `Use the VMID, or try again when ${nodes.join(', ')} ${nodes.length === 1 ? 'is' : 'are'} back online.` },
  );
}

/** Why a guest cannot be acted on now, or null: its node is offline (never call /nodes/{offline}/…). */
export function offlineRefusal(g: Guest, offline: ReadonlySet<string>): string | null {
  return offline.has(g.node) ? `${kindLabel(g.type)} ${g.vmid} is on node ${g.node}, which is offline` : null;
}
