// How qemu-server / pve-container store option values: integers and 0/1 booleans as numbers,
// everything else (property strings, `number` options) as strings (QUIRKS B1).
import type { ConfigValue, GuestType } from './types.js';
import type { Rng } from './random.js';
import { mac } from './random.js';
import { formatProps, normalizeTags, parseProps } from './sizes.js';

const QEMU_INT = new Set(['cores', 'sockets', 'vcpus', 'balloon', 'cpuunits', 'shares', 'migrate_downtime_int']);
const QEMU_BOOL = new Set([
  'onboot',
  'protection',
  'template',
  'numa',
  'kvm',
  'acpi',
  'tablet',
  'localtime',
  'freeze',
  'ciupgrade',
  'reboot',
]);
const LXC_INT = new Set(['memory', 'swap', 'cores', 'cpuunits', 'tty']);
const LXC_BOOL = new Set(['onboot', 'protection', 'template', 'unprivileged', 'console', 'debug']);
const NIC_MODELS = [
  'virtio',
  'e1000',
  'e1000e',
  'rtl8139',
  'vmxnet3',
  'i82551',
  'i82557b',
  'i82559er',
  'ne2k_isa',
  'ne2k_pci',
  'pcnet',
];

function asBool(v: unknown): number {
  return v === true || v === 1 || ['1', 'on', 'yes', 'true'].includes(String(v).toLowerCase()) ? 1 : 0;
}

// qemu `net0`: `virtio,bridge=vmbr0` or `model=virtio,…` → `virtio=<MAC>,bridge=…`
function qemuNet(v: string, rng: Rng): string {
  const p = parseProps(v);
  let model = p.get('model');
  let addr = p.get('macaddr');
  p.delete('model');
  p.delete('macaddr');
  for (const m of NIC_MODELS) {
    if (p.has(m)) {
      model = m;
      const val = p.get(m)!;
      if (val !== '1') addr = val;
      p.delete(m);
    }
  }
  const out = new Map<string, string>([[model ?? 'virtio', addr ?? mac(rng)], ...p]);
  return formatProps(out);
}

function lxcNet(v: string, rng: Rng): string {
  const p = parseProps(v);
  if (!p.has('hwaddr')) p.set('hwaddr', mac(rng));
  if (!p.has('type')) p.set('type', 'veth');
  return formatProps(p);
}

export function normalizeValue(type: GuestType, key: string, value: unknown, rng: Rng): ConfigValue {
  const ints = type === 'qemu' ? QEMU_INT : LXC_INT;
  const bools = type === 'qemu' ? QEMU_BOOL : LXC_BOOL;
  if (bools.has(key)) return asBool(value);
  if (ints.has(key)) return Number(value);
  const s = String(value);
  if (key === 'tags') return normalizeTags(s);
  if (/^net\d+$/.test(key)) return type === 'qemu' ? qemuNet(s, rng) : lxcNet(s, rng);
  return s;
}

export function macOf(type: GuestType, net: string | undefined): string | undefined {
  if (!net) return undefined;
  const p = parseProps(net);
  if (type === 'lxc') return p.get('hwaddr');
  for (const m of NIC_MODELS) if (p.has(m)) return p.get(m);
  return p.get('macaddr');
}

// The same NIC with a freshly generated MAC (what a clone gets).
export function withNewMac(type: GuestType, net: string, rng: Rng): string {
  const p = parseProps(net);
  if (type === 'lxc') p.delete('hwaddr');
  else for (const m of NIC_MODELS) if (p.has(m)) p.set(m, '1');
  p.delete('macaddr');
  return type === 'qemu' ? qemuNet(formatProps(p), rng) : lxcNet(formatProps(p), rng);
}
