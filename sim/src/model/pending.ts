// Pending changes: values set on a running guest that wait for the next (re)start.
import type { Guest } from './types.js';

export function applyPending(g: Guest): void {
  Object.assign(g.config, g.pending);
  for (const k of g.pendingDelete) delete g.config[k];
  g.pending = {};
  g.pendingDelete.clear();
}

// Options qemu applies at once even while the VM runs (qemu-server's "fast plug" list).
const QEMU_FAST = new Set([
  'name',
  'description',
  'onboot',
  'protection',
  'tags',
  'startup',
  'lock',
  'hookscript',
  'vmstatestorage',
  'template',
]);

// Options an LXC container applies live (pve-container hotplugs these).
const LXC_HOT = new Set([
  'hostname',
  'description',
  'onboot',
  'protection',
  'tags',
  'startup',
  'memory',
  'swap',
  'cores',
  'cpulimit',
  'cpuunits',
  'nameserver',
  'searchdomain',
  'lock',
  'template',
]);

export function staysPending(g: Guest, key: string): boolean {
  if (g.status !== 'running') return false;
  if (g.type === 'qemu') return !QEMU_FAST.has(key);
  return !LXC_HOT.has(key) && !/^net\d+$/.test(key);
}
