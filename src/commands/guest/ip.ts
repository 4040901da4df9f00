// vm ip / ct ip: the guest's addresses, one a line (-o json: an array of strings). When none is
// known (stopped, agent not up yet, no static address) it says so on stderr and exits 1, so
// `ip=$(pvectl vm ip web-1)` in a script fails loudly instead of yielding an empty string.
import type { Context } from '../../context.js';
import { kindLabel, type GuestKind } from '../../api/guests.js';
import { getConfig } from '../../api/guest-config.js';
import { agentEnabled, guestIps } from '../../api/ips.js';
import { PvectlError } from '../../errors.js';
import { locateGuest } from './locate.js';
import { renderYaml } from '../../output/yaml.js';

export interface IpOptions {
  kind: GuestKind;
  guest: string;
}

export async function run(ctx: Context, opts: IpOptions): Promise<void> {
  const client = await ctx.client(await ctx.region());
  const { guest: g } = await locateGuest(ctx, client, opts.kind, opts.guest);
  const config = await getConfig(client, g);
  const ips = await guestIps(client, g, config);
  const fmt = ctx.globals.output;
  if (fmt === 'json') ctx.io.stdout.write(`${JSON.stringify(ips)}\n`);
  else if (fmt === 'yaml') ctx.io.stdout.write(await renderYaml(ips));
  else ctx.io.stdout.write(ips.map((ip) => `${ip}\n`).join(''));
  if (ips.length > 0) return;
  const noun = g.type === 'qemu' ? 'vm' : 'ct';
  let why = 'the container reports none yet and no static address is configured';
  let hint: string | undefined = 'Try again shortly.';
  if (g.status !== 'running') [why, hint] = [`it is ${g.status}`, `Start it: pvectl ${noun} start ${g.name || g.vmid}`];
  else if (g.type === 'qemu' && !agentEnabled(config.agent)) {
    [why, hint] = [
      'its guest agent is not enabled and no static address is configured',
      'Enable it (agent: 1) and run qemu-guest-agent in the VM.',
    ];
  } else if (g.type === 'qemu')
    [why, hint] = [
      'the guest agent reports none yet and no static address is configured',
      'Check that qemu-guest-agent runs in the VM, or try again shortly.',
    ];
  throw new PvectlError(`no IP address known for ${kindLabel(g.type)} ${g.vmid} ${g.name}: ${why}`, { hint });
}
