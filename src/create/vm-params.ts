// The parameters of the calls that make a VM: one `POST /nodes/{node}/qemu` with the imported
// cloud image and everything else in it, or, after a clone, one `PUT …/config` that adds what the
// template does not set. A clone keeps the template's hardware (bus, boot order, console, ostype).
import type { Region } from '../config/types.js';
import { dnsParams, qemuIpconfig, type NetChoice } from './network.js';
import { parsePropertyString } from '../lib/values.js';
import { defaultUser } from '../os/catalog.js';

export interface VmSettings {
  name: string;
  memMiB: number;
  cores: number;
  bridge: string;
  storage: string;
  user: string | undefined;
  sshKeys: string[];
  tags: string[];
  pool: string | undefined;
}

type Params = Record<string, string | number | boolean>;

/** QUIRKS E1: `sshkeys` must itself be percent-encoded (space as %20); the form encoding then encodes it again. */
export function encodeSshKeys(keys: string[]): string {
  return encodeURIComponent(keys.join('\n'));
}

function cloudInit(region: Region, net: NetChoice, user: string | undefined, keys: string[]): Params {
  const p: Params = { ipconfig0: qemuIpconfig(net), ...dnsParams(region, net) };
  if (user) p.ciuser = user;
  if (keys.length > 0) p.sshkeys = encodeSshKeys(keys);
  return p;
}

export function imageCreateParams(
  vmid: number,
  importVolid: string,
  v: VmSettings,
  region: Region,
  net: NetChoice,
): Params {
  const p: Params = {
    vmid,
    name: v.name,
    memory: v.memMiB,
    cores: v.cores,
    ostype: 'l26',
    scsihw: 'virtio-scsi-single',
    scsi0: `${v.storage}:0,import-from=${importVolid}`,
    ide2: `${v.storage}:cloudinit`,
    boot: 'order=scsi0',
    serial0: 'socket',
    vga: 'serial0',
    agent: '1',
    net0: `virtio,bridge=${v.bridge}`,
    ...cloudInit(region, net, v.user, v.sshKeys),
  };
  if (v.tags.length > 0) p.tags = v.tags.join(';');
  if (v.pool) p.pool = v.pool;
  return p;
}

const NIC_MODELS = ['virtio', 'e1000', 'e1000e', 'vmxnet3', 'rtl8139'];

/** What to set on a fresh clone of `template` (its config as read before cloning). */
export function cloneConfigParams(
  template: Record<string, unknown>,
  family: string,
  v: VmSettings,
  region: Region,
  net: NetChoice,
): Params {
  const p: Params = { memory: v.memMiB, cores: v.cores, agent: '1' };
  const nic = typeof template.net0 === 'string' ? parsePropertyString(template.net0) : {};
  const model = NIC_MODELS.find((m) => m in nic || nic.model === m) ?? 'virtio';
  p.net0 = `${model},bridge=${v.bridge}${nic.firewall === '1' ? ',firewall=1' : ''}`;
  const hasCloudInit = Object.values(template).some((x) => typeof x === 'string' && /(^|:)[^,]*cloudinit/.test(x));
  if (!hasCloudInit) {
    const slot = ['ide2', 'ide0', 'ide1', 'ide3'].find((k) => template[k] === undefined);
    if (slot) p[slot] = `${v.storage}:cloudinit`;
  }
  const user = v.user ?? (typeof template.ciuser === 'string' ? undefined : defaultUser(family));
  Object.assign(p, cloudInit(region, net, user, v.sshKeys));
  if (v.tags.length > 0) {
    const osTags =
      typeof template.tags === 'string' ? template.tags.split(/[;,\s]+/).filter((t) => t.startsWith('os-')) : [];
    p.tags = [...new Set([...osTags, ...v.tags])].join(';');
  }
  return p;
}
