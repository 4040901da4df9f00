// Where and from what a new VM is made, decided (and checked) before anything is created: a
// template VM to clone when one matches the OS and can reach the node (linked clone when its
// storage allows, full otherwise; across nodes only from shared storage), else a catalog cloud
// image imported from a storage with `import` content.
import { getConfig } from '../api/guests.js';
import { UsageError } from '../errors.js';
import { proxmoxSizeToBytes } from '../lib/sizes.js';
import { parsePropertyString } from '../lib/values.js';
import type { CatalogImage } from '../os/catalog.js';
import { nodeStorages, type OsSource, type Resolved, type StorageInfo } from '../os/resolve.js';
import {
  checkNode,
  named,
  nodeFacts,
  pickBridge,
  pickStorage,
  roomiestNode,
  type ClusterView,
  type NodeFacts,
} from './placement.js';
import { pickImportStorage } from './image.js';
import type { Session } from './session.js';

/** Storage types on which Proxmox makes linked clones of a template's disks. */
const LINKABLE = new Set(['lvmthin', 'zfspool', 'rbd', 'cephfs', 'btrfs']);

export interface BootDisk {
  key: string;
  storage: string;
  bytes?: number;
}

export interface TemplatePlan {
  kind: 'template';
  vmid: number;
  name: string;
  /** the template's node (where the clone call goes) */
  node: string;
  config: Record<string, unknown>;
  disk: BootDisk;
  full: boolean;
}

export interface ImagePlan {
  kind: 'image';
  image: CatalogImage;
  importStorage: StorageInfo;
}

export interface VmPlan {
  node: string;
  storage: string;
  bridge: string;
  source: TemplatePlan | ImagePlan;
}

export interface PlanInput {
  node?: string;
  storage?: string;
  bridge?: string;
}

export async function planVm(s: Session, cluster: ClusterView, resolved: Resolved, input: PlanInput): Promise<VmPlan> {
  const d = s.region.defaults;
  const explicit = input.node !== undefined ? checkNode(cluster, input.node, '--node').node : undefined;
  const preferred =
    explicit ?? (d.node !== undefined ? checkNode(cluster, d.node, 'the region default node').node : undefined);
  // each node's storages are read once, for the template's disk and for the new VM's disks
  const storages = new Map<string, Promise<StorageInfo[]>>();
  const storagesOf = (node: string) => {
    if (!storages.has(node)) storages.set(node, nodeStorages(s.client, node));
    return storages.get(node)!;
  };
  const template = await pickTemplate(s, cluster, resolved.sources, explicit, preferred, storagesOf);
  const image = resolved.sources.find((x) => x.kind === 'cloud-image')?.image;
  if (!template && !image) {
    const where = resolved.sources.map((x) => `${x.detail} on ${x.node}`).join(', ');
    throw new UsageError(
      `--os ${resolved.os}: the template VM (${where}) is on local storage of another node and cannot be cloned to ${explicit}`,
      {
        hint: "Leave --node out to create it on the template's node.",
      },
    );
  }
  const node = explicit ?? template?.node ?? preferred ?? roomiestNode(cluster).node;
  const facts = await nodeFacts(s.client, node, storagesOf(node));
  const bridge = pickBridge(facts, node, ...named('--bridge', input.bridge, d.bridge));
  if (template) return { node, bridge, ...cloneTarget(template, facts, node, input.storage, d.storage) };
  const storage = pickStorage(facts, node, 'images', ...named('--storage', input.storage, d.storage));
  return {
    node,
    bridge,
    storage: storage.storage,
    source: { kind: 'image', image: image!, importStorage: pickImportStorage(facts.storages, node) },
  };
}

/** Linked clone on the template's storage, unless --storage names another one (then full). */
function cloneTarget(
  t: TemplatePlan & { linkable: boolean },
  facts: NodeFacts,
  node: string,
  flag: string | undefined,
  regionDefault: string | undefined,
) {
  const { linkable, ...plan } = t;
  if (linkable && (flag === undefined || flag === t.disk.storage)) {
    return { storage: t.disk.storage, source: { ...plan, full: false } };
  }
  const storage = pickStorage(
    facts,
    node,
    'images',
    flag ?? (linkable ? undefined : regionDefault),
    flag ? '--storage' : 'the region default storage',
  );
  return { storage: storage.storage, source: { ...plan, full: true } };
}

async function pickTemplate(
  s: Session,
  cluster: ClusterView,
  sources: OsSource[],
  explicit: string | undefined,
  preferred: string | undefined,
  storagesOf: (node: string) => Promise<StorageInfo[]>,
): Promise<(TemplatePlan & { linkable: boolean }) | undefined> {
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
