// The NoCloud seed image: an ISO 9660 volume labelled "cidata" holding user-data, meta-data and
// network-config, which cloud-init finds on its own at first boot (the NoCloud datasource).
import { writeIso } from '../../lib/iso9660/write.js';
import { metaData, networkConfig, type SeedNetwork } from './seed-files.js';

export const SEED_VOLUME_ID = 'cidata';

export interface SeedContents {
  userData: string;
  metaData: string;
  networkConfig: string;
}

export function seedContents(vmid: number, hostname: string, userData: string, net: SeedNetwork): SeedContents {
  return { userData, metaData: metaData(vmid, hostname), networkConfig: networkConfig(net) };
}

export function seedImage(c: SeedContents): Buffer {
  return writeIso(
    [
      { name: 'user-data', data: Buffer.from(c.userData) },
      { name: 'meta-data', data: Buffer.from(c.metaData) },
      { name: 'network-config', data: Buffer.from(c.networkConfig) },
    ],
    { volumeId: SEED_VOLUME_ID, applicationId: 'PVECTL NOCLOUD SEED' },
  );
}

/** The file name of a guest's seed on the ISO storage. */
export function seedFileName(vmid: number): string {
  return `pvectl-seed-${vmid}.iso`;
}
