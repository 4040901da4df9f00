// The appliance index (`pveam available`) the seed gives every node.
import type { Appliance } from './types.js';
import type { Rng } from './random.js';
import { hex } from './random.js';

const BASE = 'http://download.proxmox.com/images/system';
const MAINTAINER = 'Proxmox Support Team <support@proxmox.com>';

const LIST: [pkg: string, os: string, version: string, file: string, headline: string, mib: number][] = [
  [
    'debian-12-standard',
    'debian-12',
    '12.12-1',
    'debian-12-standard_12.12-1_amd64.tar.zst',
    'Debian 12 Bookworm (standard)',
    120,
  ],
  [
    'debian-13-standard',
    'debian-13',
    '13.1-2',
    'debian-13-standard_13.1-2_amd64.tar.zst',
    'Debian 13 Trixie (standard)',
    125,
  ],
  [
    'ubuntu-22.04-standard',
    'ubuntu-22.04',
    '22.04-1',
    'ubuntu-22.04-standard_22.04-1_amd64.tar.zst',
    'Ubuntu 22.04 Jammy (standard)',
    123,
  ],
  [
    'ubuntu-24.04-standard',
    'ubuntu-24.04',
    '24.04-2',
    'ubuntu-24.04-standard_24.04-2_amd64.tar.zst',
    'Ubuntu 24.04 Noble (standard)',
    141,
  ],
  [
    'alpine-3.22-default',
    'alpine-3.22',
    '20250617',
    'alpine-3.22-default_20250617_amd64.tar.xz',
    'Alpine Linux 3.22',
    3,
  ],
  [
    'rockylinux-9-default',
    'rockylinux-9',
    '20240912',
    'rockylinux-9-default_20240912_amd64.tar.xz',
    'Rocky Linux 9',
    101,
  ],
];

export function seedAppliances(rng: Rng): Appliance[] {
  return LIST.map(([pkg, os, version, file, headline, mib]) => ({
    template: file,
    package: pkg,
    os,
    version,
    section: 'system',
    type: 'lxc',
    headline,
    description: `${headline}. A small container image maintained by Proxmox.`,
    location: `${BASE}/${file}`,
    source: `${BASE}/${file}`,
    infopage: 'https://pve.proxmox.com/wiki/Linux_Container#pct_supported_distributions',
    sha512sum: hex(rng, 64),
    architecture: 'amd64',
    maintainer: MAINTAINER,
    size: mib * 1024 * 1024,
  }));
}
