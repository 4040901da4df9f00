// POST …/{qemu,lxc}/{vmid}/termproxy and GET …/vncwebsocket. termproxy starts a `vncproxy` task
// running proxmox-termproxy on the first free port of 5900-5999 and answers {user, ticket, port,
// upid} (qemu-server src/PVE/API2/Qemu.pm and pve-container src/PVE/API2/LXC.pm, `termproxy`).
// vncwebsocket checks the ticket for that user, path /vms/{vmid} and port (pve-access-control
// AccessControl.pm `verify_vnc_ticket`: valid for 40 s, else 401 "permission denied - invalid
// PVEVNC ticket") and answers {port}; the HTTPS server then upgrades the connection to a
// WebSocket and joins it to the session (pve-http-server AnyEvent.pm `websocket_proxy`).
// Both take API tokens (allowtoken 1 in the schema) and need VM.Console on /vms/{vmid}.
import type { SimCore } from '../core.js';
import { needPriv } from '../core.js';
import type { GuestType } from '../model/types.js';
import { ApiError, fail } from '../http.js';
import { consoleSessions, endSession, nextVncPort, vncTicket } from '../console/sessions.js';
import { route, type Ctx } from './route.js';
import { guestOf } from './guest-read.js';

// proxmox-termproxy `listen_and_accept`: gives up when no client came within 10 s
const ACCEPT_MS = 10_000;
// PVE::Ticket::verify_rsa_ticket(…, -20, 40) for short-lived tickets
const TICKET_MAX_AGE_MS = 40_000;

export function consoleRoutes(core: SimCore) {
  return (['qemu', 'lxc'] as const).flatMap((type) => [
    route(core, 'post', `/nodes/:node/${type}/:vmid/termproxy`, (c) => termproxy(core, c, type)),
    route(core, 'get', `/nodes/:node/${type}/:vmid/vncwebsocket`, (c) => vncwebsocket(core, c, type)),
  ]);
}

function termproxy(core: SimCore, c: Ctx, type: GuestType) {
  const g = guestOf(c, type);
  needPriv(c.who, `/vms/${g.vmid}`, 'VM.Console');
  let serial = type === 'qemu' ? c.str('serial') : undefined;
  const vga = /^(?:type=)?(serial\d)/.exec(String(g.config.vga ?? ''));
  if (type === 'qemu' && serial === undefined && vga) serial = vga[1];
  const port = nextVncPort(core) ?? fail('unable to find free port (5900-5999)');
  const task = core.tasks.start({
    node: g.node,
    type: 'vncproxy',
    id: String(g.vmid),
    who: c.who,
    durationMs: 24 * 3600_000, // ended by endSession
    log: [`starting ${type === 'qemu' ? 'qemu' : 'lxc'} termproxy`],
  });
  const session = {
    port,
    ticket: vncTicket(core),
    who: c.who,
    guest: g,
    ...(serial ? { serial } : {}),
    task,
    issuedAt: core.clock.now(),
    attached: false,
  };
  consoleSessions(core).set(port, session);
  const s = consoleSessions(core).get(port)!;
  s.acceptTimer = core.timers.after(ACCEPT_MS, () => {
    if (!s.attached) endSession(core, s, 'failed waiting for client: timed out');
  });
  return { user: c.who.authid, ticket: s.ticket, port, upid: task.upid };
}

function vncwebsocket(core: SimCore, c: Ctx, type: GuestType) {
  const vmid = c.vmid();
  needPriv(c.who, `/vms/${vmid}`, 'VM.Console');
  const port = c.int('port') ?? 0;
  const s = consoleSessions(core).get(port);
  const valid =
    s !== undefined &&
    s.ticket === c.str('vncticket') &&
    s.who.authid === c.who.authid &&
    s.guest.vmid === vmid &&
    core.clock.now() - s.issuedAt < TICKET_MAX_AGE_MS;
  if (!valid) throw new ApiError(401, 'permission denied - invalid PVEVNC ticket');
  guestOf(c, type); // "VM exists ?"
  return { port: String(port) };
}
