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
    memhost: u.mem, // API2Tools extract_vm_stats: every pve-vm-9.0 RRD entry, qemu and lxc
  };
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

// QemuServer::vmstatus($vmid, 1) / LXC::vmstatus: balloon, freemem, diskread/diskwrite and
// the nics (tap<vmid>i<n>) come from QMP and /proc of a running guest; pressure* from its cgroup.
export function statusCurrent(g: Guest, node: NodeState, ha: HaResource | undefined, now: number): Entry {
  const e = listEntry(g, node, now, true);
  e.ha = haObject(ha);
  const running = g.status === 'running';
  if (g.type === 'qemu') {
    if (agentEnabled(g.config)) e.agent = 1;
    if (!running) {
      delete e.diskread;
      delete e.diskwrite;
    } else {
      if (Number(g.config.balloon ?? 1) !== 0) e.balloon = e.maxmem;
      e.freemem = Number(e.maxmem) - Number(e.mem);
      e.nics = nicStats(g);
    }
  }
  if (running) Object.assign(e, pressure());
  return e;
}

// Each netN is tap<vmid>i<N>; the guest's traffic is split evenly over them.
function nicStats(g: Guest): Entry {
  const nets = Object.keys(g.config).filter((k) => /^net\d+$/.test(k));
  const nics: Entry = {};
  for (const k of nets) {
    nics[`tap${g.vmid}i${k.slice(3)}`] = {
      netin: Math.floor(g.stats.netin / nets.length),
      netout: Math.floor(g.stats.netout / nets.length),
    };
  }
  return nics;
}

// PSI avg10 of the guest's cgroup (qemu.slice/<vmid>.scope, lxc/<vmid>); an idle simulated
// guest has none. The apidoc lists no pressurecpufull for containers; LXC::vmstatus sets it.
function pressure(): Entry {
  const p: Entry = {};
  for (const k of ['cpusome', 'cpufull', 'iosome', 'iofull', 'memorysome', 'memoryfull']) p[`pressure${k}`] = 0;
  return p;
}
