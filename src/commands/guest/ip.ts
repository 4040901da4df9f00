// vm ip / ct ip: the guest's addresses, one a line (-o json: an array of strings). When none is
// known (stopped, agent not up yet, no static address) it says so on stderr and exits 1, so
// `ip=$(pvectl vm ip web-1)` in a script fails loudly instead of yielding an empty string.
import type { Context } from '../../context.js';
import { getConfig, kindLabel, type GuestKind } from '../../api/guests.js';
import { guestIps } from '../../api/ips.js';
import { PvectlError } from '../../errors.js';
import { resolveGuest } from './targets.js';

export interface IpOptions {
  kind: GuestKind;
  guest: string;
}

export async function run(ctx: Context, opts: IpOptions): Promise<void> {
  const client = await ctx.client(await ctx.region());
  const g = await resolveGuest(client, opts.kind, opts.guest);
  const ips = await guestIps(client, g, await getConfig(client, g));
  const fmt = ctx.globals.output;
  if (fmt === 'json') ctx.io.stdout.write(`${JSON.stringify(ips)}\n`);
  else if (fmt === 'yaml') ctx.io.stdout.write((await import('yaml')).stringify(ips));
  else ctx.io.stdout.write(ips.map((ip) => `${ip}\n`).join(''));
  if (ips.length > 0) return;
  const why = g.status !== 'running'
    ? `it is ${g.status}`
    : g.type === 'qemu' ? 'the guest agent reports none yet and no static address is configured' : 'the container reports none yet and no static address is configured';
  throw new PvectlError(`no IP address known for ${kindLabel(g.type)} ${g.vmid} ${g.name}: ${why}`, {
    hint: g.status !== 'running' ? `Start it: pvectl ${g.type === 'qemu' ? 'vm' : 'ct'} start ${g.name || g.vmid}` : g.type === 'qemu' ? 'Check that qemu-guest-agent runs in the VM (agent: 1 in its config), or try again shortly.' : undefined,
  });
}
