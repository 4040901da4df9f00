// The parameters of `POST /nodes/{node}/lxc` for a new container.
import type { LxcCreateParams } from '../api/lxc.js';
import type { Region } from '../config/types.js';
import { dnsParams, lxcNet0, type NetChoice } from './network.js';

export interface CtSettings {
  name: string;
  memMiB: number;
  cores: number;
  diskGiB: number;
  storage: string;
  bridge: string;
  unprivileged: boolean;
  password?: string;
  sshKeys: string[];
  tags: string[];
  pool?: string;
}

export function ctCreateParams(
  vmid: number,
  ostemplate: string,
  c: CtSettings,
  region: Region,
  net: NetChoice,
): LxcCreateParams {
  const p: LxcCreateParams = {
    vmid,
    ostemplate,
    hostname: c.name,
    memory: c.memMiB,
    swap: 512,
    cores: c.cores,
    rootfs: `${c.storage}:${c.diskGiB}`,
    net0: lxcNet0(c.bridge, net),
    // QUIRKS E3: the server defaults to 1 on create whatever the schema says; say it either way
    unprivileged: c.unprivileged,
    ...dnsParams(region, net),
  };
  // what the web UI does for unprivileged containers (systemd in newer distributions needs it)
  if (c.unprivileged) p.features = 'nesting=1';
  if (c.password) p.password = c.password;
  // plain OpenSSH lines, not url-encoded (unlike qemu sshkeys)
  if (c.sshKeys.length > 0) p['ssh-public-keys'] = c.sshKeys.join('\n');
  if (c.tags.length > 0) p.tags = c.tags.join(';');
  if (c.pool) p.pool = c.pool;
  return p;
}
