// /access/ticket (login), /access/domains, /access/permissions.
import type { RequestHandler } from 'msw';
import type { SimCore } from '../core.js';
import { hasPriv } from '../core.js';
import { fail } from '../http.js';
import { hex } from '../model/random.js';
import { PVE_PRIVILEGES } from '../privileges.js';
import { route } from './route.js';

const TICKET_MS = 2 * 3600_000;

export function accessRoutes(core: SimCore): RequestHandler[] {
  const st = core.state;
  return [
    route(core, 'get', '/access/ticket', () => null),
    route(core, 'get', '/access/domains', () => [
      { realm: 'pam', type: 'pam', comment: 'Linux PAM standard authentication' },
      { realm: 'pve', type: 'pve', comment: 'Proxmox VE authentication server', default: 1 },
    ]),

    route(core, 'post', '/access/ticket', (c) => {
      if (c.request.headers.get('authorization')?.startsWith('PVEAPIToken')) {
        fail('Permission check failed (API tokens are not allowed to log in)', 403);
      }
      let user = c.need('username');
      const realm = c.str('realm');
      if (!user.includes('@') && realm) user = `${user}@${realm}`;
      const password = c.need('password');
      const renewed = st.tickets.get(password);
      const valid = renewed
        ? renewed.user === user && renewed.expires > core.clock.now()
        : st.users.has(user) && st.users.get(user) === password;
      if (!valid) fail('authentication failure', 401);
      const time = Math.floor(core.clock.now() / 1000)
        .toString(16)
        .toUpperCase();
      const ticket = `PVE:${user}:${time}::${Buffer.from(hex(core.rng, 96), 'hex').toString('base64')}`;
      const csrf = `${time}:${Buffer.from(hex(core.rng, 32), 'hex').toString('base64').replace(/=+$/, '')}`;
      st.tickets.set(ticket, { user, csrf, expires: core.clock.now() + TICKET_MS });
      return { username: user, ticket, CSRFPreventionToken: csrf, clustername: st.clusterName, cap: {} };
    }),

    route(core, 'get', '/access/permissions', (c) => {
      const privs: Record<string, number> = {};
      // every PVE privilege the caller holds (access-control PVE/API2/AccessControl.pm `permissions`)
      for (const p of PVE_PRIVILEGES) if (hasPriv(c.who, p)) privs[p] = 1;
      const paths = ['/', '/nodes', '/pool', '/storage', '/vms'];
      const wanted = c.str('path');
      const out: Record<string, Record<string, number>> = {};
      for (const p of wanted ? [wanted] : paths) out[p] = { ...privs };
      return out;
    }),
  ];
}
