// The built-in catalog of official cloud images that `vm create --os` can download when the
// region has no matching template VM. URLs are the vendors' own. The "latest"/"current" URLs of
// Debian, Ubuntu, Rocky and Alma are rolling, so no checksum value is pinned here (it would break
// at the vendor's next rebuild): each entry names the vendor's checksum list instead, which
// `vm create` reads just before the download (src/create/checksum.ts, src/os/checksum-list.ts).
// Filenames follow QUIRKS E5: `import` content takes only .qcow2/.raw/.vmdk/.ova, so Ubuntu's
// `.img` (a qcow2 image) is saved as `.qcow2`.
import type { ChecksumAlgorithm } from './checksum-list.js';

export type { ChecksumAlgorithm } from './checksum-list.js';

export interface CatalogImage {
  family: string;
  version: string;
  /** shown by `os list` */
  title: string;
  url: string;
  /** file name under `STORAGE:import/` */
  filename: string;
  checksum: {
    algorithm: ChecksumAlgorithm;
    /** the vendor's checksum list holding a line for the file of `url` (GNU or BSD style) */
    listUrl: string;
    /**
     * the list is published beside this one image and describes only it: when its one entry names
     * the versioned file that the rolling "latest" name points to, that entry is the image's
     */
    perImage?: boolean;
  };
  /** cloud-init user the image is built for */
  user: string;
  ostype: 'l26';
}

const debian = (version: string, codename: string): CatalogImage => ({
  family: 'debian',
  version,
  title: `Debian ${version} (${codename}) genericcloud`,
  url: `https://cloud.debian.org/images/cloud/${codename}/latest/debian-${version}-genericcloud-amd64.qcow2`,
  filename: `debian-${version}-genericcloud-amd64.qcow2`,
  checksum: { algorithm: 'sha512', listUrl: `https://cloud.debian.org/images/cloud/${codename}/latest/SHA512SUMS` },
  user: 'debian',
  ostype: 'l26',
});

const ubuntu = (version: string, codename: string): CatalogImage => ({
  family: 'ubuntu',
  version,
  title: `Ubuntu ${version} LTS (${codename}) cloud image`,
  url: `https://cloud-images.ubuntu.com/${codename}/current/${codename}-server-cloudimg-amd64.img`,
  filename: `ubuntu-${version}-server-cloudimg-amd64.qcow2`,
  checksum: { algorithm: 'sha256', listUrl: `https://cloud-images.ubuntu.com/${codename}/current/SHA256SUMS` },
  user: 'ubuntu',
  ostype: 'l26',
});

const FEDORA_43 = 'https://download.fedoraproject.org/pub/fedora/linux/releases/43/Cloud/x86_64/images/';

export const CATALOG: readonly CatalogImage[] = [
  debian('12', 'bookworm'),
  debian('13', 'trixie'),
  ubuntu('22.04', 'jammy'),
  ubuntu('24.04', 'noble'),
  {
    family: 'rocky',
    version: '9',
    title: 'Rocky Linux 9 GenericCloud',
    url: 'https://dl.rockylinux.org/pub/rocky/9/images/x86_64/Rocky-9-GenericCloud-Base.latest.x86_64.qcow2',
    filename: 'Rocky-9-GenericCloud-Base.latest.x86_64.qcow2',
    checksum: {
      algorithm: 'sha256',
      listUrl:
        'https://dl.rockylinux.org/pub/rocky/9/images/x86_64/Rocky-9-GenericCloud-Base.latest.x86_64.qcow2.CHECKSUM',
      perImage: true,
    },
    user: 'rocky',
    ostype: 'l26',
  },
  {
    family: 'alma',
    version: '9',
    title: 'AlmaLinux 9 GenericCloud',
    url: 'https://repo.almalinux.org/almalinux/9/cloud/x86_64/images/AlmaLinux-9-GenericCloud-latest.x86_64.qcow2',
    filename: 'AlmaLinux-9-GenericCloud-latest.x86_64.qcow2',
    checksum: { algorithm: 'sha256', listUrl: 'https://repo.almalinux.org/almalinux/9/cloud/x86_64/images/CHECKSUM' },
    user: 'almalinux',
    ostype: 'l26',
  },
  {
    family: 'fedora',
    version: '43',
    title: 'Fedora 43 Cloud Base Generic',
    url: FEDORA_43 + 'Fedora-Cloud-Base-Generic-43-1.6.x86_64.qcow2',
    filename: 'Fedora-Cloud-Base-Generic-43-1.6.x86_64.qcow2',
    checksum: {
      algorithm: 'sha256',
      listUrl: FEDORA_43 + 'Fedora-Cloud-43-1.6-x86_64-CHECKSUM',
    },
    user: 'fedora',
    ostype: 'l26',
  },
];

/** Default cloud-init user of a family, for template VMs that do not say (`ciuser` unset). */
export function defaultUser(family: string): string | undefined {
  return CATALOG.find((c) => c.family === family)?.user;
}
