// Shapes of the simulator's in-memory model. Field names follow the PVE API where they leak out.

export type GuestType = 'qemu' | 'lxc';
export type ConfigValue = string | number;
export type Config = Record<string, ConfigValue>;

export interface NodeState {
  name: string;
  nodeid: number;
  ip: string;
  online: boolean;
  maxcpu: number;
  cpu: number;
  maxmem: number;
  mem: number;
  maxdisk: number;
  disk: number;
  bootedAt: number; // epoch ms, for uptime
  sslFingerprint: string;
  cpuModel: string;
}

export interface StorageDef {
  storage: string;
  type: 'dir' | 'lvmthin' | 'pbs';
  content: string; // comma list, as in storage.cfg
  shared: 0 | 1;
  total: number;
}

export interface Volume {
  volid: string;
  node: string;
  storage: string;
  content: 'iso' | 'vztmpl' | 'import' | 'images' | 'rootdir' | 'backup' | 'snippets';
  format: string;
  size: number;
  ctime: number;
  vmid?: number;
  parent?: string;
  virtualSize?: number; // disk images: size once imported
  data?: Buffer; // the bytes of an uploaded file (an ISO made by pvectl), for tests to read back
  // backups: what vzdump wrote, the guest config it saved (for restore) and the volume attributes
  subtype?: GuestType;
  notes?: string;
  protected?: boolean;
  backup?: { config: Config };
}

export interface Snapshot {
  name: string;
  description: string;
  snaptime: number;
  parent?: string;
  vmstate?: 0 | 1;
  config: Config;
}

export interface GuestStats {
  cpu: number; // fraction used while running
  memFraction: number;
  diskFraction: number;
  netin: number;
  netout: number;
  diskread: number;
  diskwrite: number;
}

export interface Guest {
  vmid: number;
  type: GuestType;
  node: string;
  config: Config;
  pending: Config; // values waiting for a reboot
  pendingDelete: Set<string>;
  status: 'running' | 'stopped';
  qmpstatus: 'running' | 'paused';
  checkpoint?: boolean; // a CT suspended with lxc-checkpoint -s (stopped, resumable)
  startedAt: number; // epoch ms when started (0 when stopped)
  pool?: string;
  snapshots: Snapshot[];
  stats: GuestStats;
  pid: number;
  /** 'absent': made from a stock cloud image, which carries no qemu-guest-agent (unset: it has one) */
  agent?: 'absent';
}

export interface HaResource {
  sid: string; // vm:103 / ct:200
  type: 'vm' | 'ct';
  vmid: number;
  state: 'started' | 'stopped' | 'enabled' | 'disabled' | 'ignored';
  max_restart: number;
  max_relocate: number;
  failback: 0 | 1;
  comment?: string;
  // the CRM's view while a request is pending (request_start, request_stop, ...)
  crmState?: string;
}

export interface Pool {
  poolid: string;
  comment?: string;
  storages: Set<string>;
}

export interface Appliance {
  template: string;
  package: string;
  os: string;
  version: string;
  section: string;
  type: string;
  headline: string;
  description: string;
  location: string;
  source: string;
  infopage: string;
  sha512sum: string;
  architecture: string;
  maintainer: string;
  size: number; // bytes of the downloaded archive
}

export interface TokenRecord {
  id: string; // user@realm!name
  user: string;
  secret: string;
  privs: string[] | '*';
}

export interface Identity {
  user: string; // user@realm
  tokenid?: string;
  authid: string; // user@realm or user@realm!token
  privs: string[] | '*';
  via: 'token' | 'ticket';
}
