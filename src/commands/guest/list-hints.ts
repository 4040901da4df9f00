// `vm list` remembers where the guests it listed live (hint-file.ts), for the next one-guest
// look-up. Read from the raw entries through the RawGuest cursor: the hints are what hintsOf
// (locate.ts) keeps of toGuest's guests, without a guest object per entry (issue 13).
import type { PveClient } from '../../api/client.js';
import type { RawResource } from '../../api/cluster.js';
import type { GuestKind } from '../../api/guests.js';
import type { Context } from '../../context.js';
import { hintFile, MAX_HINTS, rememberHints, type Hint } from './hint-file.js';
import { RawGuest, rawVmid } from './raw-guest.js';

/** The last MAX_HINTS guests of `kind` in the answer (those toGuest keeps), on a known node. */
export function listedHints(raw: RawResource[], kind: GuestKind, region: string): Hint[] {
  const g = new RawGuest();
  const hints: Hint[] = [];
  let guests = 0;
  // the last MAX_HINTS guests of the kind, then those of them that hintsOf keeps
  for (let i = raw.length - 1; i >= 0 && guests < MAX_HINTS; i--) {
    const r = raw[i]!;
    if (r.type !== kind) continue;
    const vmid = rawVmid(r);
    if (vmid === undefined) continue;
    guests++;
    g.at(r, vmid, region);
    const node = g.node;
    if (g.status !== 'unknown' && node) hints.push({ vmid, node, type: kind, name: g.name });
  }
  return hints.reverse();
}

export function rememberListed(ctx: Context, client: PveClient, raw: RawResource[], kind: GuestKind): void {
  const file = hintFile(ctx.env, { name: client.region, url: client.baseUrl });
  if (file) rememberHints(file, listedHints(raw, kind, client.region));
}
