// The named guests of the seed: web-1/web-2/db-1/ha-app VMs, dns-1/cache-1 CTs, template 9000.
import type { Config, GuestType } from './model/types.js';
import type { Rng } from './model/random.js';
import type { SimState } from './model/state.js';
import { mac, randInt } from './model/random.js';
import { newGuest, qemuIdentity, startGuest } from './model/guest-factory.js';

const GiB = 1024 ** 3;

interface Spec {
  vmid: number;
  type: GuestType;
  node: number; // index into the node list (wraps)
  running: boolean;
  pool?: string;
  disk: { key: string; gib: number; base?: boolean };
  config: Config;
}

function vm(name: string, mem: number, cores: number, extra: Config = {}): Config {
  return {
    name,
    memory: String(mem),
    cores,
    sockets: 1,
    ostype: 'l26',
    scsihw: 'virtio-scsi-single',
    agent: '1',
    ...extra,
  };
}

function specs(rng: Rng): Spec[] {
  const net = () => `virtio=${mac(rng)},bridge=vmbr0,firewall=1`;
  const ct = (hostname: string, mem: number, tags: string): Config => ({
    hostname,
    memory: mem,
    swap: 512,
    cores: 1,
    ostype: 'debian',
    arch: 'amd64',
    unprivileged: 1,
    tags,
    net0: `name=eth0,bridge=vmbr0,hwaddr=${mac(rng)},ip=dhcp,type=veth`,
  });
  return [
    {
      vmid: 100,
      type: 'qemu',
      node: 0,
      running: true,
      pool: 'prod',
      disk: { key: 'scsi0', gib: 32 },
      config: vm('web-1', 2048, 2, { tags: 'prod;web', net0: net(), boot: 'order=scsi0;net0' }),
    },
    {
      vmid: 101,
      type: 'qemu',
      node: 1,
      running: true,
      disk: { key: 'scsi0', gib: 32 },
      config: vm('web-2', 2048, 2, { tags: 'prod;web', net0: net(), boot: 'order=scsi0;net0' }),
    },
    {
      vmid: 102,
      type: 'qemu',
      node: 0,
      running: false,
      disk: { key: 'scsi0', gib: 64 },
      config: vm('db-1', 4096, 4, { tags: 'db', net0: net(), boot: 'order=scsi0;net0', agent: '0' }),
    },
    {
      vmid: 103,
      type: 'qemu',
      node: 2,
      running: true,
      disk: { key: 'scsi0', gib: 16 },
      config: vm('ha-app', 1024, 1, { tags: 'ha', net0: net(), boot: 'order=scsi0;net0' }),
    },
    {
      vmid: 200,
      type: 'lxc',
      node: 0,
      running: true,
      disk: { key: 'rootfs', gib: 8 },
      config: ct('dns-1', 512, 'infra'),
    },
    {
      vmid: 201,
      type: 'lxc',
      node: 1,
      running: false,
      pool: 'dev',
      disk: { key: 'rootfs', gib: 8 },
      config: ct('cache-1', 1024, 'cache'),
    },
    {
      vmid: 9000,
      type: 'qemu',
      node: 0,
      running: false,
      disk: { key: 'scsi0', gib: 3, base: true },
      config: vm('debian-12-cloud', 2048, 2, {
        tags: 'os-debian;os-debian-12',
        template: 1,
        net0: `virtio=${mac(rng)},bridge=vmbr0`,
        ide2: 'local-lvm:vm-9000-cloudinit,media=cdrom',
        serial0: 'socket',
        vga: 'serial0',
        boot: 'order=scsi0',
        ipconfig0: 'ip=dhcp',
        ciuser: 'debian',
      }),
    },
  ];
}

export function seedGuests(st: SimState, rng: Rng, now: number): void {
  const nodes = [...st.nodes.keys()];
  for (const s of specs(rng)) {
    const node = nodes[s.node % nodes.length]!;
    const volname = `${s.disk.base ? 'base' : 'vm'}-${s.vmid}-disk-0`;
    const opts = s.type === 'qemu' ? `,iothread=1,size=${s.disk.gib}G` : `,size=${s.disk.gib}G`;
    const config: Config = { ...s.config, [s.disk.key]: `local-lvm:${volname}${opts}` };
    if (s.type === 'qemu') Object.assign(config, qemuIdentity(rng, now));
    const g = newGuest(rng, s.vmid, s.type, node, config);
    if (s.pool) g.pool = s.pool;
    if (s.running) startGuest(g, now - randInt(rng, 3600, 30 * 86400) * 1000, rng);
    st.guests.set(s.vmid, g);
    st.addVolume({
      volid: `local-lvm:${volname}`,
      node,
      storage: 'local-lvm',
      content: s.type === 'qemu' ? 'images' : 'rootdir',
      format: 'raw',
      size: s.disk.gib * GiB,
      ctime: Math.floor(now / 1000) - 86400 * 10,
      vmid: s.vmid,
    });
    if (config.ide2 && String(config.ide2).includes('cloudinit')) {
      st.addVolume({
        volid: `local-lvm:vm-${s.vmid}-cloudinit`,
        node,
        storage: 'local-lvm',
        content: 'images',
        format: 'raw',
        size: 4 * 1024 * 1024,
        ctime: Math.floor(now / 1000) - 86400 * 10,
        vmid: s.vmid,
      });
    }
  }
  st.ha.set(103, {
    sid: 'vm:103',
    type: 'vm',
    vmid: 103,
    state: 'started',
    max_restart: 1,
    max_relocate: 1,
    failback: 1,
  });
}
