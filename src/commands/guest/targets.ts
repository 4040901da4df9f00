// Which guests a verb acts on: VMIDs or unique names, "-" (one a line on stdin), and selectors.
import type { Context } from '../../context.js';
import type { PveClient } from '../../api/client.js';
import { findGuests, kindLabel, listGuests, type Guest, type GuestKind, type GuestStatus } from '../../api/guests.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { explainMissingName, MissingName } from './offline.js';
import { requireNode } from '../node/known.js';
import { rememberGuests } from './locate.js';

export interface SelectorOptions {
  refs: string[];
  all: boolean;
  tags: string[];
  pool?: string;
  node?: string;
  status?: string;
}

/** What --status takes; a template shows as "template", never as a stopped guest one could start. */
export const GUEST_STATUSES: Array<GuestStatus | 'template'> = [
  'running',
  'stopped',
  'paused',
  'suspended',
  'unknown',
  'template',
];

const hasSelector = (s: SelectorOptions) => s.all || s.tags.length > 0 || !!s.pool || !!s.node || !!s.status;

export function checkStatus(status: string | undefined): void {
  if (status !== undefined && !(GUEST_STATUSES as string[]).includes(status)) {
    throw new UsageError(`--status: "${status}" is not one of ${GUEST_STATUSES.join(', ')}`);
  }
}

/** Guests named by refs and/or selectors, each once, in the order given. Nothing is sent for bad input. */
export async function resolveTargets(
  ctx: Context,
  client: PveClient,
  kind: GuestKind,
  sel: SelectorOptions,
): Promise<Guest[]> {
  checkStatus(sel.status);
  const fromStdin = sel.refs.includes('-');
  const refs = await expandStdin(ctx, sel.refs);
  if (sel.all && refs.length > 0) throw new UsageError('--all cannot be combined with guest names');
  // `vm list … -o id | vm start -` with nothing listed: nothing to do (selectors then only narrow
  // the names read, so an empty stdin never widens to every guest)
  if (fromStdin && refs.length === 0) return [];
  if (refs.length === 0 && !hasSelector(sel)) {
    throw new UsageError(
      `name the guests (VMID or name), pass "-" to read them from stdin, ` +
        `or select them with --all, --tag, --pool, --node or --status`,
    );
  }
  // named guests only: convert just the entries the names can match (--node may need them all)
  const guests = refs.length > 0 && !sel.node ? await findGuests(client, refs) : await listGuests(client);
  // where they live, for the next look-up of one of them (hint-file.ts)
  rememberGuests(ctx, client, guests);
  if (sel.node && !guests.some((g) => g.node === sel.node)) await requireNode(client, sel.node);
  const picked =
    refs.length > 0 ? await pickAll(client, guests, kind, refs) : guests.filter((g) => g.type === kind && !g.template);
  const filtered = picked.filter((g) => matches(g, sel));
  const seen = new Set<number>();
  return filtered.filter((g) => (seen.has(g.vmid) ? false : (seen.add(g.vmid), true)));
}

export async function resolveGuest(client: PveClient, kind: GuestKind, ref: string): Promise<Guest> {
  return pickGuest(client, await findGuests(client, [ref]), kind, ref);
}

/** The one guest `ref` names among `guests` (NotFoundError, ambiguity, offline-node explanation). */
export async function pickGuest(client: PveClient, guests: Guest[], kind: GuestKind, ref: string): Promise<Guest> {
  return (await pickAll(client, guests, kind, [ref]))[0]!;
}

/** A name not found may belong to a guest on an offline node, whose entry has no name (QUIRKS C1). */
async function pickAll(client: PveClient, guests: Guest[], kind: GuestKind, refs: string[]): Promise<Guest[]> {
  try {
    return refs.map((ref) => pick(guests, kind, ref));
  } catch (err) {
    throw err instanceof MissingName ? await explainMissingName(client, guests, kind, err) : err;
  }
}

export function matches(g: Guest, sel: Omit<SelectorOptions, 'refs' | 'all'>): boolean {
  if (sel.node && g.node !== sel.node) return false;
  // a template is shown as "template", never as a stopped guest one could start
  if (sel.status && (g.template ? 'template' : g.status) !== sel.status) return false;
  if (sel.pool && g.pool !== sel.pool) return false;
  const tags = new Set(g.tags.map((t) => t.toLowerCase()));
  return sel.tags.every((t) => tags.has(t.toLowerCase()));
}

function pick(guests: Guest[], kind: GuestKind, ref: string): Guest {
  const other: GuestKind = kind === 'qemu' ? 'lxc' : 'qemu';
  const noun = kind === 'qemu' ? 'vm' : 'ct';
  if (/^\d+$/.test(ref)) {
    const g = guests.find((x) => x.vmid === Number(ref));
    if (g?.type === kind) return g;
    if (g)
      throw new NotFoundError(`${ref} is a ${kindLabel(other)}, not a ${kindLabel(kind)}`, {
        hint: `Use: pvectl ${noun === 'vm' ? 'ct' : 'vm'} … ${ref}`,
      });
    throw new NotFoundError(`no ${kindLabel(kind)} with VMID ${ref}`, { hint: `See: pvectl ${noun} list` });
  }
  const named = guests.filter((x) => x.type === kind && x.name === ref);
  if (named.length === 1) return named[0]!;
  if (named.length > 1) {
    throw new UsageError(`the name "${ref}" is ambiguous: ${named.map((g) => `${g.vmid} on ${g.node}`).join(', ')}`, {
      hint: 'Use the VMID instead.',
    });
  }
  if (guests.some((x) => x.type === other && x.name === ref)) {
    throw new NotFoundError(`"${ref}" is a ${kindLabel(other)}, not a ${kindLabel(kind)}`);
  }
  throw new MissingName(`no ${kindLabel(kind)} named "${ref}"`, ref, { hint: `See: pvectl ${noun} list` });
}

async function expandStdin(ctx: Context, refs: string[]): Promise<string[]> {
  if (!refs.includes('-')) return refs;
  const lines = (await ctx.readStdin())
    .split(/\r?\n/)
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean);
  return refs.flatMap((r) => (r === '-' ? lines : [r]));
}
