// Values derived from a guest's config (memory, CPUs, boot-disk size, name) and its effective config.
import type { Config, Guest } from './types.js';
import { isDiskKey, parseProps, parseSize } from './sizes.js';

const MiB = 1024 * 1024;

// Parsing is memoised per string: listings call these for every guest on every request.
const memoMem = new Map<string, number>();
const memoDisk = new Map<string, number>();
const memoBoot = new Map<string, string[]>();

function memo<T>(m: Map<string, T>, key: string, f: () => T): T {
  let v = m.get(key);
  if (v === undefined) {
    v = f();
    if (m.size > 50_000) m.clear();
    m.set(key, v);
  }
  return v;
}

export function maxmemOf(g: Guest): number {
  const v = g.config.memory;
  if (v === undefined) return 512 * MiB;
  if (typeof v === 'number') return v * MiB;
  return memo(memoMem, v, () => Number(parseProps(v, 'current').get('current') ?? 512) * MiB);
}

export function cpusOf(g: Guest, nodeCpus: number): number {
  const c = g.config;
  if (g.type === 'qemu') return Number(c.vcpus ?? Number(c.cores ?? 1) * Number(c.sockets ?? 1));
  if (c.cpulimit !== undefined && Number(c.cpulimit) > 0) return Number(c.cpulimit);
  return Number(c.cores ?? nodeCpus);
}

export function diskSize(value: string): number {
  return memo(memoDisk, value, () => {
    const size = parseProps(value, 'file').get('size');
    return size ? (parseSize(size) ?? 0) : 0;
  });
}

// qemu: the first disk in boot order (or the first disk); lxc: rootfs.
export function maxdiskOf(g: Guest): number {
  const c = g.config;
  if (g.type === 'lxc') return c.rootfs ? diskSize(String(c.rootfs)) : 0;
  const boot = String(c.boot ?? '');
  const order = memo(memoBoot, boot, () => /order=([^,]+)/.exec(boot)?.[1]?.split(';') ?? []);
  for (const key of order) {
    const v = c[key];
    if (v !== undefined && isDiskKey(key) && !String(v).includes('media=cdrom')) return diskSize(String(v));
  }
  for (const [key, v] of Object.entries(c)) {
    if (isDiskKey(key) && !String(v).includes('media=cdrom') && !String(v).includes('cloudinit')) {
      return diskSize(String(v));
    }
  }
  return 0;
}

export function nameOf(g: Guest): string {
  const n = g.type === 'qemu' ? g.config.name : g.config.hostname;
  return n === undefined ? (g.type === 'qemu' ? `VM ${g.vmid}` : `CT${g.vmid}`) : String(n);
}

export function isTemplate(g: Guest): boolean {
  return Number(g.config.template ?? 0) === 1;
}

export function uptimeOf(g: Guest, now: number): number {
  return g.status === 'running' ? Math.max(0, Math.floor((now - g.startedAt) / 1000)) : 0;
}

// Config with pending values applied and pending deletions removed (GET …/config default).
export function effectiveConfig(g: Guest): Config {
  const out: Config = { ...g.config, ...g.pending };
  for (const k of g.pendingDelete) delete out[k];
  return out;
}

export function hasPending(g: Guest): boolean {
  return Object.keys(g.pending).length > 0 || g.pendingDelete.size > 0;
}

export function agentEnabled(config: Config): boolean {
  const v = config.agent;
  if (v === undefined) return false;
  const enabled = parseProps(String(v), 'enabled').get('enabled') ?? '0';
  return ['1', 'on', 'yes', 'true'].includes(enabled.toLowerCase());
}
