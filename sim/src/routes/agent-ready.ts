// When a VM's guest agent answers. A VM made from a stock cloud image (import-from) has no
// qemu-guest-agent: it never answers unless a NoCloud seed on a CD-ROM has cloud-init install the
// package, which takes a while after boot and needs the package mirror. Every other VM (seeded, or
// cloned from a template that has the agent) answers from half of agentDelayMs after its start.
// Errors as PVE::QemuServer::Agent::assert_agent_available words them (qemu-server).
import type { SimCore } from '../core.js';
import { needAnyPriv } from '../core.js';
import type { Guest } from '../model/types.js';
import { agentEnabled, nameOf } from '../model/guest-facts.js';
import { guestSeed } from '../model/guest-seed.js';
import { fail } from '../http.js';
import type { Ctx } from './route.js';
import { guestOf } from './guest-read.js';

/** Epoch ms from which the agent answers, or null when it never will. */
export function agentUpAt(core: SimCore, g: Guest): number | null {
  if (g.agent !== 'absent') return g.startedAt + Math.floor(core.opts.agentDelayMs / 2);
  const seed = guestSeed(core.state, g);
  if (!seed?.installsAgent || seed.offline || (core.faults.packageMirrorDown ?? 0) > 0) return null;
  // cloud-init installs the package once the network is up (apt update, install, start)
  return g.startedAt + 2 * core.opts.agentDelayMs;
}

export function agentReady(core: SimCore, c: Ctx, ...privs: string[]): Guest {
  const g = guestOf(c, 'qemu');
  needAnyPriv(
    c.who,
    `/vms/${g.vmid}`,
    ...(privs.length ? privs : ['VM.GuestAgent.Audit']),
    'VM.GuestAgent.Unrestricted',
  );
  if (!agentEnabled(g.config)) fail('No QEMU guest agent configured');
  if (g.status !== 'running') fail(`VM ${g.vmid} is not running`);
  const upAt = agentUpAt(core, g);
  if (g.qmpstatus === 'paused' || upAt === null || core.clock.now() < upAt) fail('QEMU guest agent is not running');
  return g;
}

/** The host name the guest has: the seed's, else its VM name. */
export function guestHostname(core: SimCore, g: Guest): string {
  return guestSeed(core.state, g)?.hostname ?? nameOf(g);
}
