// The seed's part in `vm create`: --user-data read and checked before anything is sent, the
// user-data for the guest, and why no IP came when the guest agent depends on the seed.
import type { Context } from '../../context.js';
import { TimeoutError, UsageError } from '../../errors.js';
import type { NewGuest } from '../steps.js';
import type { Session } from '../session.js';
import { readUserData } from './attach.js';
import { pvectlCloudConfig } from './cloud-config.js';
import { buildUserData } from './user-data.js';

/** The --user-data text, refused (exit 2, nothing sent) when cloud-init could not use it. */
export async function userDataOf(
  ctx: Context,
  opts: { userData?: string; seed?: boolean },
): Promise<string | undefined> {
  if (opts.userData === undefined) return undefined;
  if (opts.seed === false) throw new UsageError('--user-data goes on the seed: it cannot be combined with --no-seed');
  const text = await readUserData(ctx, opts.userData);
  buildUserData(pvectlCloudConfig({ vmid: 0, hostname: 'check', user: 'check', sshKeys: [] }), text);
  return text;
}

/** A template's ciuser, which its clone keeps. */
export function cloneUser(plan: { source: { kind: string; config?: Record<string, unknown> } }): string | undefined {
  const ciuser = plan.source.config?.ciuser;
  return typeof ciuser === 'string' && ciuser !== '' ? ciuser : undefined;
}

export function seedUserData(s: Session, g: NewGuest, user: string, keys: string[], userData?: string): string {
  const fqdn = s.region.domain ? `${g.name}.${s.region.domain}` : undefined;
  return buildUserData(pvectlCloudConfig({ vmid: g.vmid, hostname: g.name, fqdn, user, sshKeys: keys }), userData);
}

/** On the seed path an IP that never came most likely means the agent could not be installed. */
export async function explainNoIp(seeded: boolean, finish: () => Promise<void>): Promise<void> {
  try {
    await finish();
  } catch (err) {
    if (!seeded || !(err instanceof TimeoutError) || !/no IP address/.test(err.message)) throw err;
    throw new TimeoutError(
      `${err.message}: the IP comes from qemu-guest-agent, which the cloud-init seed installs from the ` +
        "distribution's package mirror at first boot; a guest without network access to it never reports one",
      {
        hint:
          'Check the network the VM is on (bridge, DHCP, a route to the mirror), or give a static --ip with --gw, ' +
          'or clone a template that has qemu-guest-agent installed (tag it qga).',
      },
    );
  }
}
