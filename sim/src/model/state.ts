// The simulator's in-memory cluster: nodes, storages, volumes, guests, pools, HA, appliances, tokens.
import type {
  Appliance,
  Guest,
  GuestType,
  HaResource,
  NodeState,
  Pool,
  StorageDef,
  TokenRecord,
  Volume,
} from './types.js';
import { ApiError } from '../http.js';
import { flat } from './random.js';
import { LazyMap } from './lazy-map.js';
import type { Generated } from './generated.js';

const GiB = 1024 ** 3;

export interface Ticket {
  user: string;
  csrf: string;
  expires: number; // epoch ms
}

export class SimState {
  readonly nodes = new Map<string, NodeState>();
  readonly storages: StorageDef[] = [];
  // Maps in effect; the generated guests and their disks are made objects only once touched
  readonly volumes = new LazyMap<string, Volume>(); // key: `${node}|${volid}`
  readonly guests = new LazyMap<number, Guest>();
  generated: Generated | undefined;
  readonly pools = new Map<string, Pool>();
  readonly ha = new Map<number, HaResource>();
  readonly appliances: Appliance[] = [];
  readonly tokens = new Map<string, TokenRecord>();
  readonly tickets = new Map<string, Ticket>();
  readonly users = new Map<string, string>(); // user@realm -> password
  clusterName = 'pvesim';
  // Bumped around anything that may change the state (each API call, timer, direct access from
  // outside); cached answers (answer-cache.ts) are reused only while it stays the same.
  generation = 0;
  /** epoch ms on the simulator's clock (virtual in in-process tests) */
  now: () => number = () => Date.now();

  touch(): void {
    this.generation++;
  }

  attachGenerated(gen: Generated): void {
    this.generated = gen;
    this.guests.attach(gen.guestSlots());
    this.volumes.attach(gen.volumeSlots());
  }

  node(name: string): NodeState {
    const n = this.nodes.get(name);
    if (!n) throw new ApiError(500, `no such cluster node '${name}'`);
    return n;
  }

  // Every `/nodes/{node}/…` call is proxied to that node; an offline one is unreachable.
  // pve-http-server AnyEvent.pm proxy_request relays AnyEvent::HTTP's answer: status 595, the
  // connect error ($!) as reason, no body. "Errors during connection establishment, proxy
  // handshake" is AnyEvent::HTTP's description of 595, which proxmoxer prints; no server sends it.
  reachableNode(name: string): NodeState {
    const n = this.node(name);
    if (!n.online) throw new ApiError(595, 'No route to host', undefined, true);
    return n;
  }

  storage(name: string): StorageDef {
    const s = this.storages.find((x) => x.storage === name);
    if (!s) throw new ApiError(500, `storage '${name}' does not exist`);
    return s;
  }

  // A guest addressed as /nodes/{node}/{type}/{vmid}: it must live on that node with that type.
  guestAt(node: string, type: GuestType, vmid: number): Guest {
    const g = this.guests.get(vmid);
    if (!g || g.node !== node || g.type !== type) {
      const dir = type === 'qemu' ? 'qemu-server' : 'lxc';
      throw new ApiError(500, `Configuration file 'nodes/${node}/${dir}/${vmid}.conf' does not exist`);
    }
    return g;
  }

  volumesOn(node: string, storage?: string): Volume[] {
    return [...this.volumesWhere((v) => v.node === node && (!storage || v.storage === storage))];
  }

  // The volumes that pass `test`, in order; an untouched generated disk is tested by its facts
  // and made an object only when it passes.
  *volumesWhere(test: (v: Pick<Volume, 'node' | 'storage' | 'volid' | 'vmid'>) => boolean): IterableIterator<Volume> {
    const gen = this.generated;
    for (const v of this.volumes.scan()) {
      if (typeof v !== 'number') {
        if (test(v)) yield v;
      } else if (test({ node: gen!.node(v), storage: 'local-lvm', volid: gen!.volid(v), vmid: gen!.vmids[v]! })) {
        yield this.volumes.materialise(v);
      }
    }
  }

  volume(node: string, volid: string): Volume | undefined {
    return this.volumes.get(`${node}|${volid}`);
  }

  addVolume(v: Volume): void {
    this.volumes.set(flat(`${v.node}|${v.volid}`), v);
  }

  removeVolume(node: string, volid: string): void {
    this.volumes.delete(`${node}|${volid}`);
  }

  // Lowest VMID ≥ 100 not used by any guest (configs being created count too).
  nextFreeId(): number {
    let id = 100;
    while (this.guests.has(id)) id++;
    return id;
  }

  // Next free disk name `vm-<vmid>-disk-<n>` on a storage of a node.
  nextDiskName(node: string, storage: string, vmid: number, prefix = 'vm'): string {
    for (let i = 0; ; i++) {
      const name = `${prefix}-${vmid}-disk-${i}`;
      const other = prefix === 'vm' ? `base-${vmid}-disk-${i}` : `vm-${vmid}-disk-${i}`;
      if (!this.volume(node, `${storage}:${name}`) && !this.volume(node, `${storage}:${other}`)) return name;
    }
  }

  storageUsed(node: string, storage: string): number {
    let used = 0;
    const gen = this.generated;
    for (const v of this.volumes.scan()) {
      // an untouched generated disk counts without being made an object
      if (typeof v === 'number') used += gen!.node(v) === node && storage === 'local-lvm' ? gen!.size[v]! * GiB : 0;
      else if (v.node === node && v.storage === storage) used += v.size;
    }
    return used;
  }

  quorate(): boolean {
    let online = 0;
    for (const n of this.nodes.values()) if (n.online) online++;
    return online * 2 > this.nodes.size;
  }
}
