// The --guests N generated guests, kept compact: a few numbers per guest in typed arrays, and the
// random generator's state where the guest's draws begin. Its config strings (MAC, UUIDs, disk)
// and its volume are built by replaying those draws when a request first touches the guest
// (config, status, any write), so they are the same as if they had been built at start-up.
// Listings (/cluster/resources, storage usage) read the numbers directly (generated-views.ts).
import type { Config, Guest, GuestType, Volume } from './types.js';
import type { Rng } from './random.js';
import type { Slots } from './lazy-map.js';
import { createRng, flat, flatValues, mac, randInt, rngState, skipDraws } from './random.js';
import { newGuest, qemuIdentity, startGuest } from './guest-factory.js';

const GiB = 1024 ** 3;
const SIZES = [8, 16, 32, 64];
const MEMS = [512, 1024, 2048, 4096, 8192];
const STATS = 7; // cpu, memFraction, diskFraction, netin, netout, diskread, diskwrite

export class Generated {
  readonly vmids: Int32Array;
  readonly rngAt: Uint32Array; // the generator's state before the guest's first draw
  readonly size: Uint8Array; // GiB of its disk
  readonly mem: Uint16Array; // MiB
  readonly cores: Uint8Array;
  readonly startedAt: Float64Array; // 0: stopped
  readonly pid: Int32Array;
  readonly stats: Float64Array; // STATS per guest

  constructor(
    rng: Rng,
    readonly count: number,
    readonly nodes: readonly string[],
    readonly now: number,
    taken: (vmid: number) => boolean,
  ) {
    this.vmids = new Int32Array(count);
    this.rngAt = new Uint32Array(count);
    this.size = new Uint8Array(count);
    this.mem = new Uint16Array(count);
    this.cores = new Uint8Array(count);
    this.startedAt = new Float64Array(count);
    this.pid = new Int32Array(count);
    this.stats = new Float64Array(count * STATS);
    let vmid = 1000;
    for (let i = 0; i < count; i++) {
      while (taken(vmid)) vmid++;
      this.vmids[i] = vmid++;
      this.rngAt[i] = rngState(rng);
      this.draw(rng, i);
    }
  }

  // The draws of build() below, in the same order, keeping only the numbers listings need.
  private draw(rng: Rng, i: number): void {
    this.size[i] = SIZES[randInt(rng, 0, SIZES.length - 1)]!;
    this.mem[i] = MEMS[randInt(rng, 0, MEMS.length - 1)]!;
    this.cores[i] = randInt(rng, 1, 4);
    // the MAC; for a VM also qemuIdentity's ctime and two UUIDs
    skipDraws(rng, 3 + (this.type(i) === 'qemu' ? 1 + 16 + 16 : 0));
    this.pid[i] = randInt(rng, 1000, 4_000_000);
    const s = i * STATS;
    this.stats[s] = Math.round(rng() * 0.3 * 10000) / 10000;
    this.stats[s + 1] = 0.2 + rng() * 0.6;
    this.stats[s + 2] = 0.1 + rng() * 0.5;
    this.stats[s + 3] = randInt(rng, 1e6, 5e9);
    this.stats[s + 4] = randInt(rng, 1e6, 2e9);
    this.stats[s + 5] = randInt(rng, 1e7, 9e9);
    this.stats[s + 6] = randInt(rng, 1e7, 5e9);
    if (rng() < 0.7) {
      this.startedAt[i] = this.now - randInt(rng, 60, 90 * 86400) * 1000;
      this.pid[i] = randInt(rng, 1000, 4_000_000); // startGuest's
    }
  }

  type(i: number): GuestType {
    return i % 4 === 3 ? 'lxc' : 'qemu';
  }

  node(i: number): string {
    return this.nodes[i % this.nodes.length]!;
  }

  stat(i: number, k: number): number {
    return this.stats[i * STATS + k]!;
  }

  /** The slot of a generated vmid, or -1 (vmids ascend: a binary search). */
  slotOf(vmid: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.vmids[mid]!;
      if (v === vmid) return mid;
      if (v < vmid) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  diskName(i: number): string {
    return `vm-${this.vmids[i]}-disk-0`;
  }

  volid(i: number): string {
    return `local-lvm:${this.diskName(i)}`;
  }

  // The guest and its volume as the seed used to build them all at start-up.
  build(i: number, rng: Rng = createRng(this.rngAt[i]!)): { guest: Guest; volume: Volume } {
    const vmid = this.vmids[i]!;
    const node = this.node(i);
    const type = this.type(i);
    const size = SIZES[randInt(rng, 0, SIZES.length - 1)]!;
    const mem = MEMS[randInt(rng, 0, MEMS.length - 1)]!;
    const disk = flat(this.diskName(i));
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
        ...qemuIdentity(rng, this.now),
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
    const guest = newGuest(rng, vmid, type, node, flatValues(config));
    if (rng() < 0.7) startGuest(guest, this.now - randInt(rng, 60, 90 * 86400) * 1000, rng);
    return { guest, volume: this.volume(i) };
  }

  volume(i: number): Volume {
    return {
      volid: flat(this.volid(i)),
      node: this.node(i),
      storage: 'local-lvm',
      content: this.type(i) === 'qemu' ? 'images' : 'rootdir',
      format: 'raw',
      size: this.size[i]! * GiB,
      ctime: Math.floor(this.now / 1000),
      vmid: this.vmids[i]!,
    };
  }

  guestSlots(): Slots<number, Guest> {
    return {
      count: this.count,
      slotOf: (vmid) => this.slotOf(vmid),
      keyOf: (i) => this.vmids[i]!,
      make: (i) => this.build(i).guest,
    };
  }

  // Keyed `${node}|${volid}` as SimState.volumes is.
  volumeSlots(): Slots<string, Volume> {
    return {
      count: this.count,
      slotOf: (key) => {
        const m = /^([^|]+)\|local-lvm:vm-(\d+)-disk-0$/.exec(key);
        const i = m ? this.slotOf(Number(m[2])) : -1;
        return i >= 0 && this.node(i) === m![1] && String(this.vmids[i]) === m![2] ? i : -1;
      },
      keyOf: (i) => `${this.node(i)}|${this.volid(i)}`,
      make: (i) => this.volume(i),
    };
  }
}
