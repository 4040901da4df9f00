// How guests appear in /cluster/resources, the node guest lists and status/current.
import type { Guest, NodeState, HaResource } from './types.js';
import { cpusOf, isTemplate, maxdiskOf, maxmemOf, nameOf, uptimeOf, agentEnabled } from './guest-facts.js';

type Entry = Record<string, unknown>;

function usage(g: Guest, node: NodeState, now: number): Entry {
  const running = g.status === 'running';
  const maxmem = maxmemOf(g);
  const maxdisk = maxdiskOf(g);
  const s = g.stats;
  return {
    cpu: running ? s.cpu : 0,
    maxcpu: cpusOf(g, node.maxcpu),
    mem: running ? Math.floor(maxmem * s.memFraction) : 0,
    maxmem,
    disk: g.type === 'lxc' && running ? Math.floor(maxdisk * s.diskFraction) : 0,
    maxdisk,
    uptime: uptimeOf(g, now),
    netin: running ? s.netin : 0,
    netout: running ? s.netout : 0,
    diskread: running ? s.diskread : 0,
    diskwrite: running ? s.diskwrite : 0,
  };
}

export function runState(g: Guest): string {
  if (g.status !== 'running') return 'stopped';
  return g.type === 'qemu' ? g.qmpstatus : 'running';
}

export function resourceEntry(
  g: Guest,
  node: NodeState,
  ha: HaResource | undefined,
  showPool: boolean,
  now: number,
): Entry {
  const c = g.config;
  if (!node.online) {
    const e: Entry = { id: `${g.type}/${g.vmid}`, vmid: g.vmid, node: g.node, type: g.type, status: 'unknown' };
    if (c.tags !== undefined) e.tags = String(c.tags);
    if (c.lock !== undefined) e.lock = String(c.lock);
    if (g.pool !== undefined && showPool) e.pool = g.pool;
    if (ha) e.hastate = ha.crmState ?? ha.state;
    return e;
  }
  const u = usage(g, node, now);
  const e: Entry = {
    id: `${g.type}/${g.vmid}`,
    vmid: g.vmid,
    node: g.node,
    type: g.type,
    name: nameOf(g),
    status: runState(g),
    template: isTemplate(g) ? 1 : 0,
    ...u,
  };
  if (g.type === 'qemu') e.memhost = u.mem;
  if (c.tags !== undefined) e.tags = String(c.tags);
  if (c.lock !== undefined) e.lock = String(c.lock);
  if (g.pool !== undefined && showPool) e.pool = g.pool;
  if (ha) e.hastate = ha.crmState ?? ha.state;
  return e;
}

export function listEntry(g: Guest, node: NodeState, now: number, full: boolean): Entry {
  const u = usage(g, node, now);
  const e: Entry = { vmid: g.vmid, name: nameOf(g), status: g.status, cpus: u.maxcpu, ...u };
  delete e.maxcpu;
  if (g.type === 'qemu') e.memhost = u.mem;
  if (g.type === 'lxc') {
    e.type = 'lxc';
    e.maxswap = Number(g.config.swap ?? 512) * 1024 * 1024;
  }
  if (g.config.tags !== undefined) e.tags = String(g.config.tags);
  if (g.config.lock !== undefined) e.lock = String(g.config.lock);
  if (isTemplate(g)) e.template = 1;
  if (g.status === 'running') e.pid = g.pid;
  if (g.type === 'qemu' && g.config.serial0 !== undefined) e.serial = 1;
  if (full && g.type === 'qemu') {
    e.qmpstatus = g.status === 'running' ? g.qmpstatus : 'stopped';
    if (g.status === 'running') {
      e['running-machine'] = 'pc-i440fx-10.0+pve0';
      e['running-qemu'] = '10.0.2';
    }
  }
  return e;
}

export function haObject(ha: HaResource | undefined): Entry {
  if (!ha) return { managed: 0 };
  const o: Entry = { managed: 1, state: ha.state };
  if (ha.crmState?.startsWith('request_')) o.request_state = ha.state;
  return o;
}

export function statusCurrent(g: Guest, node: NodeState, ha: HaResource | undefined, now: number): Entry {
  const e = listEntry(g, node, now, true);
  e.ha = haObject(ha);
  if (g.type === 'qemu') {
    if (agentEnabled(g.config)) e.agent = 1;
    e.balloon = e.maxmem;
    e.freemem = Number(e.maxmem) - Number(e.mem);
    if (g.status === 'running') e.nics = { tap0: { netin: g.stats.netin, netout: g.stats.netout } };
  }
  return e;
}
