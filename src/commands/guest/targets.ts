// Which guests a verb acts on: VMIDs or unique names, "-" (one a line on stdin), and selectors.
import type { Context } from '../../context.js';
import type { PveClient } from '../../api/client.js';
import { kindLabel, listGuests, type Guest, type GuestKind } from '../../api/guests.js';
import { NotFoundError, UsageError } from '../../errors.js';

export interface SelectorOptions {
  refs: string[];
  all: boolean;
  tags: string[];
  pool?: string;
  node?: string;
  status?: string;
}

const hasSelector = (s: SelectorOptions) => s.all || s.tags.length > 0 || !!s.pool || !!s.node || !!s.status;

/** Guests named by refs and/or selectors, each once, in the order given. Nothing is sent for bad input. */
export async function resolveTargets(
  ctx: Context,
  client: PveClient,
  kind: GuestKind,
  sel: SelectorOptions,
): Promise<Guest[]> {
  const refs = await expandStdin(ctx, sel.refs);
  if (refs.length === 0 && !hasSelector(sel)) {
    throw new UsageError(
      `name the guests (VMID or name), pass "-" to read them from stdin, or select them with --all, --tag, --pool, --node or --status`,
    );
  }
  if (sel.all && refs.length > 0) throw new UsageError('--all cannot be combined with guest names');
  const guests = await listGuests(client);
  const picked =
    refs.length > 0 ? refs.map((ref) => pick(guests, kind, ref)) : guests.filter((g) => g.type === kind && !g.template);
  const filtered = picked.filter((g) => matches(g, sel));
  const seen = new Set<number>();
  return filtered.filter((g) => (seen.has(g.vmid) ? false : (seen.add(g.vmid), true)));
}

export async function resolveGuest(client: PveClient, kind: GuestKind, ref: string): Promise<Guest> {
  return pick(await listGuests(client), kind, ref);
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
  throw new NotFoundError(`no ${kindLabel(kind)} named "${ref}"`, { hint: `See: pvectl ${noun} list` });
}

async function expandStdin(ctx: Context, refs: string[]): Promise<string[]> {
  if (!refs.includes('-')) return refs;
  const lines = (await ctx.readStdin())
    .split(/\r?\n/)
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean);
  return refs.flatMap((r) => (r === '-' ? lines : [r]));
}
