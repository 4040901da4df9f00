// Deterministic starting state: a small 3-node cluster with a few guests (+ N generated ones).
import type { SimToken } from './options.js';
import type { Rng } from './model/random.js';
import { SimState } from './model/state.js';
import { hex, randInt, uuid } from './model/random.js';
import { Generated } from './model/generated.js';
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
  const nodes = [...st.nodes.keys()];
  const seeded = new Set(st.guests.keys());
  st.attachGenerated(new Generated(rng, input.guests, nodes, now, (vmid) => seeded.has(vmid)));
  return st;
}
