// The template VM a new VM is cloned from: the first template of the OS, on an online node (the
// wanted node first), whose boot disk another node can reach when the VM goes elsewhere (shared
// storage only); linked when its storage makes linked clones.
import { getConfig } from '../api/guests.js';
import type { StorageInfo } from '../api/storage.js';
import { proxmoxSizeToBytes } from '../lib/sizes.js';
import { parsePropertyString } from '../lib/values.js';
import type { OsSource } from '../os/resolve.js';
import type { ClusterView } from './placement.js';
import type { Session } from './session.js';
import type { TemplatePlan } from './vm-plan.js';

/** Storage types on which Proxmox makes linked clones of a template's disks. */
const LINKABLE = new Set(['lvmthin', 'zfspool', 'rbd', 'cephfs', 'btrfs']);

export interface BootDisk {
  key: string;
  storage: string;
  bytes?: number;
}

export type TemplateCandidate = TemplatePlan & { linkable: boolean };

export async function pickTemplate(
  s: Session,
  cluster: ClusterView,
  sources: OsSource[],
  explicit: string | undefined,
  preferred: string | undefined,
  storagesOf: (node: string) => Promise<StorageInfo[]>,
): Promise<TemplateCandidate | undefined> {
  const online = new Set(cluster.nodes.filter((n) => n.online).map((n) => n.node));
  const candidates = sources.filter((x) => x.kind === 'template' && x.template && online.has(x.template.node));
  const ordered = [
    ...candidates.filter((x) => x.template!.node === (explicit ?? preferred)),
    ...candidates.filter((x) => x.template!.node !== (explicit ?? preferred)),
  ];
  for (const c of ordered) {
    const t = c.template!;
    const [config, storages] = await Promise.all([
      getConfig(s.client, { node: t.node, type: 'qemu', vmid: t.vmid }),
      storagesOf(t.node),
    ]);
    const disk = bootDisk(config);
    if (!disk) continue;
    const info = storages.find((x) => x.storage === disk.storage);
    // another node can clone it only from shared storage
    if (explicit !== undefined && explicit !== t.node && !info?.shared) continue;
    return {
      kind: 'template',
      vmid: t.vmid,
      name: t.name,
      node: t.node,
      config,
      disk,
      full: false,
      linkable: LINKABLE.has(info?.type ?? ''),
    };
  }
  return undefined;
}

/** The disk the template boots from: boot order first, else the first disk that is not a CD or cloud-init drive. */
export function bootDisk(config: Record<string, unknown>): BootDisk | undefined {
  const isDisk = (key: string) => {
    const v = config[key];
    return (
      typeof v === 'string' &&
      /^(scsi|virtio|sata|ide)\d+$/.test(key) &&
      !/cloudinit|media=cdrom/.test(v) &&
      v.includes(':')
    );
  };
  const order = typeof config.boot === 'string' ? (parsePropertyString(config.boot).order ?? '').split(/[;,]/) : [];
  const keys = [...order, ...Object.keys(config).sort()].filter(isDisk);
  const key = keys[0];
  if (!key) return undefined;
  const props = parsePropertyString(String(config[key]), 'file');
  const storage = (props.file ?? '').split(':')[0] ?? '';
  return { key, storage, bytes: props.size ? proxmoxSizeToBytes(props.size) : undefined };
}
