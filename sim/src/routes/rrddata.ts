// GET …/rrddata for nodes, VMs and containers: 70 points per timeframe at the RRD steps pve-manager
// keeps (PVE/API2/Nodes.pm rrddata → PVE::RRD: hour 1 min, day 30 min, week 3 h, month 12 h, year
// 1 week), oldest first. The series are plausible and varying but a pure function of guest, time
// and metric, so a test can ask twice and get the same answer. A stopped guest reads zero.
import type { RequestHandler } from 'msw';
import type { SimCore } from '../core.js';
import { needPriv } from '../core.js';
import type { Guest, NodeState } from '../model/types.js';
import { cpusOf, maxdiskOf, maxmemOf } from '../model/guest-facts.js';
import { route, type Ctx } from './route.js';
import { guestOf } from './guest-read.js';

const STEP: Record<string, number> = { hour: 60, day: 1800, week: 10800, month: 43200, year: 604800, decade: 4838400 };
const POINTS = 70;

/** 0..1, smooth in t with a little noise: a daily wave plus a faster one, phase-shifted per id. */
export function wave(id: number, metric: number, t: number): number {
  const phase = ((id * 7919 + metric * 104729) % 1000) / 1000;
  const day = Math.sin((t / 86400 + phase) * 2 * Math.PI);
  const fast = Math.sin((t / 5400 + phase * 3) * 2 * Math.PI);
  const x = Math.sin(id * 12.9898 + metric * 78.233 + t * 0.000137) * 43758.5453;
  const noise = x - Math.floor(x);
  return Math.min(1, Math.max(0, 0.45 + 0.25 * day + 0.12 * fast + 0.1 * (noise - 0.5)));
}

function times(c: Ctx, now: number): number[] {
  const step = STEP[c.str('timeframe') ?? 'hour'] ?? 60;
  const last = Math.floor(now / 1000 / step) * step;
  return Array.from({ length: POINTS }, (_, i) => last - (POINTS - 1 - i) * step);
}

function guestPoint(g: Guest, nodeCpus: number, t: number): Record<string, number> {
  const f = { cpus: cpusOf(g, nodeCpus), maxmem: maxmemOf(g), maxdisk: maxdiskOf(g) };
  const up = g.status === 'running';
  const w = (m: number) => (up ? wave(g.vmid, m, t) : 0);
  return {
    time: t,
    cpu: Number((w(1) * 0.6).toFixed(4)),
    maxcpu: f.cpus,
    mem: Math.floor(f.maxmem * (0.3 + 0.5 * w(2)) * (up ? 1 : 0)),
    maxmem: f.maxmem,
    disk: 0,
    maxdisk: f.maxdisk,
    netin: Math.round(w(3) * 250_000),
    netout: Math.round(w(4) * 120_000),
    diskread: Math.round(w(5) * 4_000_000),
    diskwrite: Math.round(w(6) * 2_500_000),
  };
}

function nodePoint(n: NodeState, t: number): Record<string, number> {
  const w = (m: number) => wave(n.nodeid * 1000, m, t);
  return {
    time: t,
    cpu: Number((0.05 + w(1) * 0.5).toFixed(4)),
    maxcpu: n.maxcpu,
    iowait: Number((w(7) * 0.02).toFixed(4)),
    loadavg: Number((w(1) * n.maxcpu * 0.6).toFixed(2)),
    memtotal: n.maxmem,
    memused: Math.floor(n.maxmem * (0.3 + 0.4 * w(2))),
    netin: Math.round(w(3) * 2_000_000),
    netout: Math.round(w(4) * 1_500_000),
    roottotal: n.maxdisk,
    rootused: n.disk,
  };
}

export function rrdRoutes(core: SimCore): RequestHandler[] {
  const out: RequestHandler[] = [
    route(core, 'get', '/nodes/:node/rrddata', (c) => {
      const n = c.state.node(c.node());
      needPriv(c.who, `/nodes/${n.name}`, 'Sys.Audit');
      return times(c, core.clock.now()).map((t) => nodePoint(n, t));
    }),
  ];
  for (const type of ['qemu', 'lxc'] as const) {
    out.push(
      route(core, 'get', `/nodes/:node/${type}/:vmid/rrddata`, (c) => {
        const g = guestOf(c, type);
        needPriv(c.who, `/vms/${g.vmid}`, 'VM.Audit');
        const cpus = c.state.node(g.node).maxcpu;
        return times(c, core.clock.now()).map((t) => guestPoint(g, cpus, t));
      }),
    );
  }
  return out;
}
