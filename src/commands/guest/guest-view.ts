// A guest that clone made or migrate moved, as printed: VMID NAME NODE STATUS on a table, the
// object (with Proxmox's field names) for json and yaml, the VMID for -o id.
import { kindLabel, type GuestKind } from '../../api/guests.js';
import type { Context } from '../../context.js';
import { printList, printObject } from '../../output/print.js';
import type { Progress } from '../../output/progress.js';
import type { Column } from '../../output/types.js';

export interface GuestView {
  vmid: number;
  name: string;
  type: GuestKind;
  node: string;
  status: string;
  region: string;
}

/** "VM 100 (web-1)", for messages and progress lines. */
export const guestLabel = (g: { type: GuestKind; vmid: number; name: string }): string =>
  `${kindLabel(g.type)} ${g.vmid}${g.name ? ` (${g.name})` : ''}`;

const COLUMNS: Column<GuestView>[] = [
  { id: 'vmid', header: 'VMID', value: (r) => r.vmid, kind: 'number', align: 'left' },
  { id: 'name', header: 'NAME', value: (r) => r.name },
  { id: 'node', header: 'NODE', value: (r) => r.node },
  { id: 'status', header: 'STATUS', value: (r) => r.status, kind: 'status' },
];

/**
 * One row for table/wide/tsv/id; json and yaml get one object (with `extra`), not an array.
 * `columns` for a view that shows more (create adds the IP addresses).
 */
export async function printGuest<V extends GuestView>(
  ctx: Context,
  p: Progress,
  view: V,
  extra: Record<string, unknown> = {},
  columns: Column<V>[] = COLUMNS,
): Promise<void> {
  p.stop();
  const json = (v: V) => ({ ...v, ...extra });
  if (ctx.globals.output === 'json' || ctx.globals.output === 'yaml') {
    await printObject(ctx, { value: view, fields: columns, json });
  } else {
    await printList(ctx, { rows: [view], columns, json });
  }
}
