// /nodes, /nodes/{node}/status, /nodes/{node}/network, /nodes/{node}/version.
import type { RequestHandler } from 'msw';
import type { SimCore } from '../core.js';
import { hasPriv, needPriv } from '../core.js';
import { nodeUptime, nodeUsage } from './node-views.js';
import { route } from './route.js';

export function nodeRoutes(core: SimCore): RequestHandler[] {
  const st = core.state;
  return [
    route(core, 'get', '/nodes', (c) =>
      [...st.nodes.values()].map((n) => {
        const e: Record<string, unknown> = { node: n.name, id: `node/${n.name}`, type: 'node', level: '' };
        if (!n.online) return { ...e, status: 'offline' };
        e.status = 'online';
        e.ssl_fingerprint = n.sslFingerprint;
        if (hasPriv(c.who, 'Sys.Audit')) Object.assign(e, nodeUsage(n, core.clock.now()));
        return e;
      }),
    ),

    route(core, 'get', '/nodes/:node/status', (c) => {
      const name = c.node();
      needPriv(c.who, `/nodes/${name}`, 'Sys.Audit');
      const n = st.node(name);
      const load = [n.cpu * n.maxcpu, n.cpu * n.maxcpu * 0.9, n.cpu * n.maxcpu * 0.8].map((x) => x.toFixed(2));
      return {
        cpu: n.cpu,
        cpuinfo: {
          cpus: n.maxcpu,
          cores: n.maxcpu / 2,
          sockets: 1,
          model: n.cpuModel,
          mhz: '3000.000',
          hvm: '1',
          flags: 'fpu vme de pse',
        },
        memory: { total: n.maxmem, used: n.mem, free: n.maxmem - n.mem, available: n.maxmem - n.mem },
        swap: { total: 8 * 1024 ** 3, used: 0, free: 8 * 1024 ** 3 },
        rootfs: { total: n.maxdisk, used: n.disk, free: n.maxdisk - n.disk, avail: n.maxdisk - n.disk },
        loadavg: load,
        uptime: nodeUptime(n, core.clock.now()),
        wait: 0.001,
        ksm: { shared: 0 },
        idle: 0,
        pveversion: 'pve-manager/9.1.4/5a5e3f4b9c1d2e7f',
        kversion: 'Linux 6.17.2-1-pve #1 SMP PREEMPT_DYNAMIC PMX 6.17.2-1 (2025-10-21T11:55Z)',
        'current-kernel': {
          sysname: 'Linux',
          release: '6.17.2-1-pve',
          version: '#1 SMP PREEMPT_DYNAMIC PMX 6.17.2-1 (2025-10-21T11:55Z)',
          machine: 'x86_64',
        },
        'boot-info': { mode: 'efi', secureboot: 0 },
      };
    }),

    route(core, 'get', '/nodes/:node/version', (c) => {
      c.node();
      return { version: '9.1.4', release: '9.1', repoid: '5a5e3f4b9c1d2e7f' };
    }),

    route(core, 'get', '/nodes/:node/network', (c) => {
      const n = st.node(c.node());
      const type = c.str('type');
      const ifaces = [
        {
          iface: 'nic0',
          type: 'eth',
          method: 'manual',
          method6: 'manual',
          active: 1,
          exists: 1,
          autostart: 0,
          priority: 3,
          families: ['inet'],
        },
        {
          iface: 'vmbr0',
          type: 'bridge',
          method: 'static',
          method6: 'manual',
          active: 1,
          autostart: 1,
          priority: 4,
          address: n.ip,
          netmask: '24',
          cidr: `${n.ip}/24`,
          gateway: '10.0.0.1',
          bridge_ports: 'nic0',
          bridge_stp: 'off',
          bridge_fd: '0',
          bridge_vlan_aware: 1,
          families: ['inet'],
        },
      ];
      if (!type || type === 'any') return ifaces;
      if (type === 'any_bridge') return ifaces.filter((i) => i.type === 'bridge' || i.type === 'OVSBridge');
      return ifaces.filter((i) => i.type === type);
    }),
  ];
}
