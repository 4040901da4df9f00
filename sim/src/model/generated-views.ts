// How an untouched generated guest (model/generated.ts) appears in /cluster/resources, read from
// its numbers: the same entry views.ts resourceEntry makes of the built guest, key for key (its
// config: name/hostname, memory, cores, one socket, one disk of `size` GiB, tags 'generated').
import type { HaResource, NodeState } from './types.js';
import type { Generated } from './generated.js';
import type { SimState } from './state.js';
import { StableRun, type Uptimes } from './answer-parts.js';

type Entry = Record<string, unknown>;

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export function generatedEntry(
  gen: Generated,
  i: number,
  node: NodeState,
  ha: HaResource | undefined,
  now: number,
): Entry {
  const vmid = gen.vmids[i]!;
  const type = gen.type(i);
  const id = `${type}/${vmid}`;
  if (!node.online) {
    const e: Entry = { id, vmid, node: node.name, type, status: 'unknown', tags: 'generated' };
    if (ha) e.hastate = ha.crmState ?? ha.state;
    return e;
  }
  const startedAt = gen.startedAt[i]!;
  const running = startedAt !== 0;
  const maxmem = gen.mem[i]! * MiB;
  const maxdisk = gen.size[i]! * GiB;
  const mem = running ? Math.floor(maxmem * gen.stat(i, 1)) : 0;
  const e: Entry = {
    id,
    vmid,
    node: node.name,
    type,
    name: `${type === 'qemu' ? 'vm' : 'ct'}-${vmid}`,
    status: running ? 'running' : 'stopped',
    template: 0,
    cpu: running ? gen.stat(i, 0) : 0,
    maxcpu: gen.cores[i]!,
    mem,
    maxmem,
    disk: type === 'lxc' && running ? Math.floor(maxdisk * gen.stat(i, 2)) : 0,
    maxdisk,
    uptime: running ? Math.max(0, Math.floor((now - startedAt) / 1000)) : 0,
    netin: running ? gen.stat(i, 3) : 0,
    netout: running ? gen.stat(i, 4) : 0,
    diskread: running ? gen.stat(i, 5) : 0,
    diskwrite: running ? gen.stat(i, 6) : 0,
    memhost: mem,
    tags: 'generated',
  };
  if (ha) e.hastate = ha.crmState ?? ha.state;
  return e;
}

// The same as views.ts listEntry of the built guest (GET /nodes/{node}/{qemu,lxc}).
export function generatedListEntry(gen: Generated, i: number, now: number, full: boolean): Entry {
  const startedAt = gen.startedAt[i]!;
  const running = startedAt !== 0;
  const type = gen.type(i);
  const maxmem = gen.mem[i]! * MiB;
  const maxdisk = gen.size[i]! * GiB;
  const mem = running ? Math.floor(maxmem * gen.stat(i, 1)) : 0;
  const vmid = gen.vmids[i]!;
  const e: Entry = {
    vmid,
    name: `${type === 'qemu' ? 'vm' : 'ct'}-${vmid}`,
    status: running ? 'running' : 'stopped',
    cpus: gen.cores[i]!,
    cpu: running ? gen.stat(i, 0) : 0,
    mem,
    maxmem,
    disk: type === 'lxc' && running ? Math.floor(maxdisk * gen.stat(i, 2)) : 0,
    maxdisk,
    uptime: running ? Math.max(0, Math.floor((now - startedAt) / 1000)) : 0,
    netin: running ? gen.stat(i, 3) : 0,
    netout: running ? gen.stat(i, 4) : 0,
    diskread: running ? gen.stat(i, 5) : 0,
    diskwrite: running ? gen.stat(i, 6) : 0,
  };
  if (type === 'qemu') e.memhost = mem;
  else {
    e.type = 'lxc';
    e.maxswap = 512 * MiB;
  }
  e.tags = 'generated';
  if (running) e.pid = gen.pid[i]!;
  if (full && type === 'qemu') {
    e.qmpstatus = running ? 'running' : 'stopped';
    if (running) {
      e['running-machine'] = 'pc-i440fx-10.0+pve0';
      e['running-qemu'] = '10.0.2';
    }
  }
  return e;
}

type RowContext = { st: SimState; gen: Generated; now: number; u: Uptimes };

// BLOCK untouched generated guests in a row, from a multiple of BLOCK: their text in the answer
// depends only on their numbers, whether their nodes are online and their HA state, so it is
// kept from one build of /cluster/resources to the next (answer-cache.ts StableRun).
export const BLOCK = 1024;
const kept = new WeakMap<Generated, Map<number, { key?: string; part?: unknown }>>();

export class GeneratedBlock extends StableRun {
  readonly store: { key?: string; part?: unknown };

  constructor(
    private readonly first: number,
    readonly key: string,
    private readonly at: RowContext,
  ) {
    super();
    let byBlock = kept.get(at.gen);
    if (!byBlock) kept.set(at.gen, (byBlock = new Map()));
    let store = byBlock.get(first);
    if (!store) byBlock.set(first, (store = {}));
    this.store = store;
  }

  rows(): GeneratedRow[] {
    const end = Math.min(this.first + BLOCK, this.at.gen.count);
    const rows: GeneratedRow[] = [];
    for (let i = this.first; i < end; i++) rows.push(new GeneratedRow(i, this.at));
    return rows;
  }
}

// What a block's text depends on besides its numbers: the nodes being online and HA states.
export function blockKeys(st: SimState, gen: Generated): (first: number) => string {
  const online = gen.nodes.map((n) => (st.node(n).online ? 1 : 0)).join('');
  const ha = new Map<number, string>();
  for (const r of st.ha.values()) {
    const i = gen.slotOf(r.vmid);
    if (i < 0) continue;
    const b = i - (i % BLOCK);
    ha.set(b, `${ha.get(b) ?? ''}${r.vmid}=${r.crmState ?? r.state};`);
  }
  return (first) => `${online}|${ha.get(first) ?? ''}`;
}

// An entry made only when its part of the answer is serialised (JSON.stringify calls toJSON), so
// that a 100,000-guest answer never holds 100,000 entries at once: a slot number each meanwhile.
export class GeneratedRow {
  constructor(
    private readonly i: number,
    private readonly at: RowContext,
  ) {}

  toJSON(): Entry {
    const { st, gen, now, u } = this.at;
    const i = this.i;
    const e = generatedEntry(gen, i, st.node(gen.node(i)), st.ha.get(gen.vmids[i]!), now);
    if (e.status === 'running') e.uptime = u.hole(gen.startedAt[i]!);
    return e;
  }
}
