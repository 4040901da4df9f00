// What a simulated VM's cloud-init makes of a NoCloud seed on one of its CD-ROM drives: whether
// it installs qemu-guest-agent, and the hostname and user it sets. cloud-init reads the volume
// labelled "cidata" (NoCloud datasource); user-data is a #cloud-config or a MIME multi-part
// archive whose text/cloud-config parts count.
import { parse } from 'yaml';
import type { SimState } from './state.js';
import type { Guest } from './types.js';
import { readIso } from './iso-read.js';

export interface SeedFacts {
  installsAgent: boolean;
  hostname?: string;
  user?: string;
  /** the static address has no gateway: no route to a package mirror */
  offline: boolean;
}

const CDROM_RE = /^(ide|sata|scsi)\d+$/;

export function guestSeed(st: SimState, g: Guest): SeedFacts | undefined {
  for (const [key, value] of Object.entries(g.config)) {
    if (!CDROM_RE.test(key) || !String(value).includes('media=cdrom')) continue;
    const volid = String(value).split(',')[0] ?? '';
    const data = st.volume(g.node, volid)?.data;
    const iso = data ? readIso(data) : null;
    if (!iso || iso.volumeId.toLowerCase() !== 'cidata') continue;
    const configs = cloudConfigs(iso.files.get('user-data')?.toString('utf8') ?? '');
    const meta = safeYaml(iso.files.get('meta-data')?.toString('utf8') ?? '');
    const net = JSON.stringify(safeYaml(iso.files.get('network-config')?.toString('utf8') ?? '') ?? {});
    const facts: SeedFacts = {
      installsAgent: false,
      offline: net.includes('"addresses"') && !net.includes('"via"') && !net.includes('"gateway4"'),
    };
    const localHost = meta?.['local-hostname'];
    if (typeof localHost === 'string') facts.hostname = localHost;
    for (const c of configs) {
      if (Array.isArray(c.packages) && c.packages.includes('qemu-guest-agent')) facts.installsAgent = true;
      if (typeof c.hostname === 'string') facts.hostname = c.hostname;
      const first = Array.isArray(c.users) ? c.users.find((u) => u !== 'default') : undefined;
      if (facts.user === undefined && first) facts.user = typeof first === 'string' ? first : String(first.name);
    }
    return facts;
  }
  return undefined;
}

type CloudConfig = { packages?: unknown[]; hostname?: unknown; users?: Array<string | { name?: unknown }> };

function cloudConfigs(userData: string): CloudConfig[] {
  if (userData.startsWith('#cloud-config')) return [safeYaml(userData) ?? {}];
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(userData)?.[1];
  if (!boundary) return [];
  return userData
    .split(`--${boundary}`)
    .filter((part) => /^content-type:\s*text\/cloud-config\b/im.test(part.split(/\r?\n\r?\n/)[0] ?? ''))
    .map((part) => safeYaml(part.slice(part.search(/\r?\n\r?\n/)).trim()) ?? {});
}

function safeYaml(text: string): Record<string, any> | undefined {
  try {
    const v: unknown = parse(text);
    return v && typeof v === 'object' ? (v as Record<string, any>) : undefined;
  } catch {
    return undefined;
  }
}
