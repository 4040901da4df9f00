// QEMU guest agent (ping, network-get-interfaces, …) and LXC …/interfaces.
import type { RequestHandler } from 'msw';
import type { SimCore } from '../core.js';
import { needPriv } from '../core.js';
import type { Guest } from '../model/types.js';
import { guestSeed } from '../model/guest-seed.js';
import { hasDocker, primaryNic, type Addr } from '../model/guest-net.js';
import { agentReady, guestHostname } from './agent-ready.js';
import { route } from './route.js';
import { guestOf } from './guest-read.js';

// The guest's NIC gets its addresses (DHCP, cloud-init) at agentDelayMs after a start; before that
// eth0 is listed without `ip-addresses` (QUIRKS G1). When the agent answers: agent-ready.ts.
const addressedAt = (core: SimCore, g: Guest) => g.startedAt + core.opts.agentDelayMs;

function qgaAddrs(addrs: Addr[]) {
  return addrs.map((a) => ({
    'ip-address': a.ip,
    'ip-address-type': a.family === 4 ? 'ipv4' : 'ipv6',
    prefix: a.prefix,
  }));
}

function qgaInterfaces(core: SimCore, g: Guest) {
  const nic = primaryNic(g);
  const addressed = core.clock.now() >= addressedAt(core, g);
  // cloud-init names the NIC eth0 (Proxmox's drive, or pvectl's seed with set-name)
  const cloud = String(g.config.ide2 ?? '').includes('cloudinit') || guestSeed(core.state, g) !== undefined;
  const stats = {
    'rx-bytes': g.stats.netin,
    'rx-packets': Math.floor(g.stats.netin / 900),
    'rx-errs': 0,
    'rx-dropped': 0,
    'tx-bytes': g.stats.netout,
    'tx-packets': Math.floor(g.stats.netout / 900),
    'tx-errs': 0,
    'tx-dropped': 0,
  };
  const out: Record<string, unknown>[] = [
    {
      name: 'lo',
      'hardware-address': '00:00:00:00:00:00',
      'ip-addresses': qgaAddrs([
        { ip: '127.0.0.1', prefix: 8, family: 4 },
        { ip: '::1', prefix: 128, family: 6 },
      ]),
      statistics: stats,
    },
    {
      name: cloud ? 'eth0' : 'ens18',
      'hardware-address': nic.mac.toLowerCase(),
      ...(addressed ? { 'ip-addresses': qgaAddrs(nic.addrs) } : {}),
      statistics: stats,
    },
  ];
  if (addressed && hasDocker(g.vmid)) {
    // docker comes up after the network
    out.push({
      name: 'docker0',
      'hardware-address': '02:42:5e:3a:1c:07',
      'ip-addresses': qgaAddrs([{ ip: '172.17.0.1', prefix: 16, family: 4 }]),
      statistics: stats,
    });
  }
  return out;
}

function lxcInterfaces(core: SimCore, g: Guest) {
  if (g.status !== 'running') return null;
  const nic = primaryNic(g);
  // a DHCP lease takes a moment after start
  const early = core.clock.now() < g.startedAt + core.opts.agentDelayMs;
  const addrs = nic.addrs.filter((a) => !early || a.family === 6 || !String(g.config.net0 ?? '').includes('ip=dhcp'));
  const entry = (name: string, mac: string, list: Addr[]) => {
    const e: Record<string, unknown> = {
      name,
      hwaddr: mac,
      'hardware-address': mac,
      'ip-addresses': list.map((a) => ({
        'ip-address': a.ip,
        'ip-address-type': a.family === 4 ? 'inet' : 'inet6',
        prefix: a.prefix,
      })),
    };
    const v4 = list.filter((a) => a.family === 4).at(-1);
    const v6 = list.filter((a) => a.family === 6).at(-1);
    if (v4) e.inet = `${v4.ip}/${v4.prefix}`;
    if (v6) e.inet6 = `${v6.ip}/${v6.prefix}`;
    return e;
  };
  return [
    entry('lo', '00:00:00:00:00:00', [
      { ip: '127.0.0.1', prefix: 8, family: 4 },
      { ip: '::1', prefix: 128, family: 6 },
    ]),
    entry('eth0', nic.mac.toLowerCase(), addrs),
  ];
}

export function agentRoutes(core: SimCore): RequestHandler[] {
  const base = '/nodes/:node/qemu/:vmid/agent';
  return [
    route(core, 'post', `${base}/ping`, (c) => (agentReady(core, c), { result: {} })),
    route(core, 'get', `${base}/network-get-interfaces`, (c) => ({ result: qgaInterfaces(core, agentReady(core, c)) })),
    route(core, 'get', `${base}/get-host-name`, (c) => ({
      result: { 'host-name': guestHostname(core, agentReady(core, c)) },
    })),
    route(core, 'get', `${base}/get-osinfo`, (c) => {
      agentReady(core, c);
      return {
        result: {
          id: 'debian',
          name: 'Debian GNU/Linux',
          'pretty-name': 'Debian GNU/Linux 12 (bookworm)',
          version: '12 (bookworm)',
          'version-id': '12',
          'kernel-release': '6.1.0-28-cloud-amd64',
          machine: 'x86_64',
        },
      };
    }),
    route(core, 'get', `${base}/info`, (c) => {
      agentReady(core, c);
      return {
        result: {
          version: '7.2.19',
          supported_commands: [
            { name: 'guest-ping', enabled: true, 'success-response': true },
            { name: 'guest-network-get-interfaces', enabled: true, 'success-response': true },
          ],
        },
      };
    }),
    route(core, 'get', '/nodes/:node/lxc/:vmid/interfaces', (c) => {
      const g = guestOf(c, 'lxc');
      needPriv(c.who, `/vms/${g.vmid}`, 'VM.Audit');
      return lxcInterfaces(core, g);
    }),
  ];
}
