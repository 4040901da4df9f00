// Deterministic starting state: a small 3-node cluster with a few guests (+ N generated ones).
import type { SimToken } from './options.js';
import type { Config, GuestType } from './model/types.js';
import type { Rng } from './model/random.js';
import { SimState } from './model/state.js';
import { flat, flatValues, hex, mac, randInt, uuid } from './model/random.js';
import { newGuest, qemuIdentity, startGuest } from './model/guest-factory.js';
import { seedAppliances } from './model/appliances.js';
import { seedGuests } from './seed-guests.js';

const GiB = 1024 ** 3;

export interface SeedInput {
  nodes: number;
  guests: number;
  tokens?: SimToken[];
  rootPassword: string;
  now: () => number;
}

export function seedState(rng: Rng, input: SeedInput): SimState {
  const st = new SimState();
  st.now = input.now;
  const now = st.now();
  for (let i = 1; i <= Math.max(1, input.nodes); i++) {
    const name = `pve${i}`;
    const maxcpu = [16, 32, 24][i % 3] ?? 16;
    const maxmem = [64, 128, 96][i % 3]! * GiB;
    st.nodes.set(name, {
      name,
      nodeid: i,
      ip: `10.0.0.${10 + i}`,
      online: true,
      maxcpu,
      cpu: Math.round(rng() * 0.25 * 1000) / 1000,
      maxmem,
      mem: Math.floor(maxmem * (0.3 + rng() * 0.3)),
      maxdisk: 100 * GiB,
      disk: Math.floor(100 * GiB * (0.1 + rng() * 0.2)),
      bootedAt: now - randInt(rng, 5, 60) * 86400_000,
      sslFingerprint: hex(rng, 32).toUpperCase().match(/../g)!.join(':'),
      cpuModel: 'AMD EPYC 7302P 16-Core Processor',
    });
  }
  st.storages.push(
    { storage: 'local', type: 'dir', content: 'iso,vztmpl,backup,import,snippets', shared: 0, total: 100 * GiB },
    { storage: 'local-lvm', type: 'lvmthin', content: 'images,rootdir', shared: 0, total: 400 * GiB },
  );
  st.appliances.push(...seedAppliances(rng));
  const deb12 = st.appliances[0]!;
  st.addVolume({
    volid: `local:vztmpl/${deb12.template}`,
    node: 'pve1',
    storage: 'local',
    content: 'vztmpl',
    format: 'tzst',
    size: deb12.size,
    ctime: Math.floor(now / 1000) - 86400 * 3,
  });
  st.pools.set('prod', { poolid: 'prod', comment: 'Production', storages: new Set() });
  st.pools.set('dev', { poolid: 'dev', comment: 'Development', storages: new Set() });
  st.users.set('root@pam', input.rootPassword);
  const tokens = input.tokens ?? [{ id: 'root@pam!pvectl', secret: uuid(rng), privs: '*' as const }];
  for (const t of tokens) {
    st.tokens.set(t.id, { id: t.id, user: t.id.split('!')[0] ?? t.id, secret: t.secret, privs: t.privs ?? '*' });
  }
  seedGuests(st, rng, now);
  generateGuests(st, rng, input.guests, now);
  return st;
}

function generateGuests(st: SimState, rng: Rng, count: number, now: number): void {
  const nodes = [...st.nodes.keys()];
  const sizes = [8, 16, 32, 64];
  const mems = [512, 1024, 2048, 4096, 8192];
  let vmid = 1000;
  for (let i = 0; i < count; i++) {
    while (st.guests.has(vmid)) vmid++;
    const node = nodes[i % nodes.length]!;
    const type: GuestType = i % 4 === 3 ? 'lxc' : 'qemu';
    const size = sizes[randInt(rng, 0, sizes.length - 1)]!;
    const mem = mems[randInt(rng, 0, mems.length - 1)]!;
    const disk = flat(`vm-${vmid}-disk-0`);
    let config: Config;
    if (type === 'qemu') {
      config = {
        name: `vm-${vmid}`,
        memory: String(mem),
        cores: randInt(rng, 1, 4),
        sockets: 1,
        ostype: 'l26',
        scsihw: 'virtio-scsi-single',
        scsi0: `local-lvm:${disk},iothread=1,size=${size}G`,
        net0: `virtio=${mac(rng)},bridge=vmbr0`,
        boot: 'order=scsi0;net0',
        tags: 'generated',
        ...qemuIdentity(rng, now),
      };
    } else {
      config = {
        hostname: `ct-${vmid}`,
        memory: mem,
        swap: 512,
        cores: randInt(rng, 1, 4),
        ostype: 'debian',
        arch: 'amd64',
        rootfs: `local-lvm:${disk},size=${size}G`,
        unprivileged: 1,
        tags: 'generated',
        net0: `name=eth0,bridge=vmbr0,hwaddr=${mac(rng)},ip=dhcp,type=veth`,
      };
    }
    const g = newGuest(rng, vmid, type, node, flatValues(config));
    if (rng() < 0.7) startGuest(g, now - randInt(rng, 60, 90 * 86400) * 1000, rng);
    st.guests.set(vmid, g);
    st.addVolume({
      volid: flat(`local-lvm:${disk}`),
      node,
      storage: 'local-lvm',
      content: type === 'qemu' ? 'images' : 'rootdir',
      format: 'raw',
      size: size * GiB,
      ctime: Math.floor(now / 1000),
      vmid,
    });
    vmid++;
  }
}
