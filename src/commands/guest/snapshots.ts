// Snapshots of one guest as pvectl shows them, the rule for their names, and the confirmation that
// delete and rollback need. Proxmox lists a pseudo snapshot "current" ("You are here!") whose
// parent is the snapshot the present state grew from: it is folded into that row's `current`.
import type { PveClient } from '../../api/client.js';
import { type Guest } from '../../api/guests.js';
import type { Context } from '../../context.js';
import { NotFoundError, PvectlError, UsageError } from '../../errors.js';
import { bool, num, str } from '../../lib/values.js';
import type { Column } from '../../output/types.js';
import { guestLabel } from './guest-view.js';
import { listSnapshots } from '../../api/snapshots.js';

export interface SnapshotRow {
  name: string;
  parent: string | null;
  /** epoch seconds */
  snaptime: number | null;
  /** the guest's RAM was saved with it (VMs only) */
  vmstate: boolean;
  description: string;
  /** the present state grew from this snapshot */
  current: boolean;
}

const NAME_RE = /^[a-z][a-z0-9_-]+$/i;

/** Proxmox's pve-configid, at most 40 characters, and not the reserved "current". */
export function checkSnapName(name: string): string {
  if (name === 'current')
    throw new UsageError('"current" is reserved by Proxmox for the present state; pick another snapshot name');
  if (!NAME_RE.test(name) || name.length > 40) {
    throw new UsageError(
      `"${name}" is not a valid snapshot name: a letter, then 1-39 letters, digits, _ or - (e.g. before-upgrade)`,
    );
  }
  return name;
}

/** Oldest first; within the same second, a parent before its children. */
export async function readSnapshots(client: PveClient, g: Guest): Promise<SnapshotRow[]> {
  const raw = await listSnapshots(client, g);
  const active = str(raw.find((e) => e.name === 'current')?.parent);
  const rows: SnapshotRow[] = raw
    .filter((e) => e.name !== 'current')
    .map((e) => ({
      name: String(e.name),
      parent: str(e.parent) ?? null,
      snaptime: num(e.snaptime) ?? null,
      vmstate: bool(e.vmstate),
      description: typeof e.description === 'string' ? e.description : '',
      current: e.name === active,
    }));
  const parents = new Map(rows.map((r) => [r.name, r.parent]));
  const depth = (name: string): number => {
    let n = 0;
    for (let p = parents.get(name); p && n < rows.length; p = parents.get(p)) n++;
    return n;
  };
  return rows.sort(
    (a, b) => (a.snaptime ?? 0) - (b.snaptime ?? 0) || depth(a.name) - depth(b.name) || a.name.localeCompare(b.name),
  );
}

export async function snapshotNamed(client: PveClient, g: Guest, name: string): Promise<SnapshotRow> {
  const all = await readSnapshots(client, g);
  const found = all.find((s) => s.name === name);
  if (found) return found;
  throw new NotFoundError(
    `${guestLabel(g)} has no snapshot "${name}"; its snapshots: ${all.map((s) => s.name).join(', ') || 'none'}`,
  );
}

export function snapshotColumns(ctx: Context, g: Guest): Column<SnapshotRow>[] {
  const table = ctx.globals.output === 'table' || ctx.globals.output === 'wide';
  return [
    { id: 'name', header: 'NAME', value: (r) => (table && r.current ? `${r.name} (current)` : r.name) },
    { id: 'parent', header: 'PARENT', value: (r) => r.parent },
    { id: 'snaptime', header: 'CREATED', value: (r) => r.snaptime, kind: 'time' },
    // a container snapshot never holds RAM
    { id: 'vmstate', header: 'VMSTATE', value: (r) => r.vmstate, kind: 'boolean', hidden: g.type === 'lxc' },
    { id: 'description', header: 'DESCRIPTION', value: (r) => r.description },
    // tables mark the current one in NAME; tsv keeps NAME as it is and says it here
    { id: 'current', header: 'CURRENT', value: (r) => r.current, kind: 'boolean', hidden: table },
  ];
}

/** Before any request: delete and rollback lose something, so a script has to say --yes. */
export function needConfirmation(ctx: Context, verb: string): void {
  const { yes, dryRun } = ctx.globals;
  if (!yes && !dryRun && !ctx.io.stdinTTY) {
    throw new UsageError(
      `snapshot ${verb} needs confirmation: pass --yes (-y) when stdin is not a terminal; nothing was changed`,
    );
  }
}

export async function confirm(ctx: Context, question: string): Promise<void> {
  if (ctx.globals.yes || ctx.globals.dryRun) return;
  if (!(await ctx.prompt.confirm(question))) throw new PvectlError('not confirmed; nothing was changed');
}
