// Building guests: precomputed usage stats (so big listings stay cheap) and seeded identifiers.
import { createHash } from 'node:crypto';
import type { Config, Guest, GuestType } from './types.js';
import type { Rng } from './random.js';
import { randInt, uuid } from './random.js';

export function newGuest(rng: Rng, vmid: number, type: GuestType, node: string, config: Config): Guest {
  return {
    vmid,
    type,
    node,
    config,
    pending: {},
    pendingDelete: new Set(),
    status: 'stopped',
    qmpstatus: 'running',
    startedAt: 0,
    snapshots: [],
    pid: randInt(rng, 1000, 4_000_000),
    stats: {
      cpu: Math.round(rng() * 0.3 * 10000) / 10000,
      memFraction: 0.2 + rng() * 0.6,
      diskFraction: 0.1 + rng() * 0.5,
      netin: randInt(rng, 1e6, 5e9),
      netout: randInt(rng, 1e6, 2e9),
      diskread: randInt(rng, 1e7, 9e9),
      diskwrite: randInt(rng, 1e7, 5e9),
    },
  };
}

// What qemu-server adds to every new VM config.
export function qemuIdentity(rng: Rng, now: number): Config {
  return {
    meta: `creation-qemu=10.0.2,ctime=${Math.floor(now / 1000) - randInt(rng, 0, 1e7)}`,
    smbios1: `uuid=${uuid(rng)}`,
    vmgenid: uuid(rng),
  };
}

export function startGuest(g: Guest, now: number, rng: Rng): void {
  g.status = 'running';
  g.qmpstatus = 'running';
  g.startedAt = now;
  g.checkpoint = undefined;
  g.pid = randInt(rng, 1000, 4_000_000);
}

export function stopGuest(g: Guest): void {
  g.status = 'stopped';
  g.qmpstatus = 'running';
  g.startedAt = 0;
}

export function digestOf(config: Config): string {
  const s = JSON.stringify(Object.entries(config).sort(([a], [b]) => (a < b ? -1 : 1)));
  return createHash('sha1').update(s).digest('hex');
}
