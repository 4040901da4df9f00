// A region as resolved for one call: config file entry, overridden by environment, then flags.

export interface RegionDefaults {
  node?: string;
  storage?: string;
  bridge?: string;
  pool?: string;
  /** where vm create uploads its cloud-init seed (a storage with `iso` content) */
  isoStorage?: string;
}

/** The region's own IP pool for `--ip auto`. */
export interface IpPool {
  /** e.g. "192.0.2.0/24" */
  cidr: string;
  /** first and last address handed out, inclusive; default: the whole CIDR minus network, gateway, broadcast */
  start?: string;
  end?: string;
  gateway: string;
  dns?: string[];
}

export interface Pricing {
  currency: string;
  /** price per hour of one vCPU, one GiB of memory, one GiB of disk */
  cpuHour?: number;
  memGiBHour?: number;
  diskGiBHour?: number;
}

export interface Region {
  /** config name; "env" when defined only by PVECTL_URL */
  name: string;
  /** https://host:8006 (no trailing slash, no /api2/json) */
  url: string;
  /** user@realm!tokenname */
  tokenId: string;
  tokenSecret: string;
  /** TLS trust: exactly one of these is normally set */
  fingerprint?: string;
  caFile?: string;
  insecure?: boolean;
  defaults: RegionDefaults;
  domain?: string;
  ipPool?: IpPool;
  /** inclusive VMID range for new guests */
  vmidRange?: { min: number; max: number };
  pricing?: Pricing;
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
}
