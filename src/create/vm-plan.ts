// Where and from what a new VM is made, decided (and checked) before anything is created: a
// template VM to clone when one matches the OS and can reach the node (linked clone when its
// storage allows, full otherwise; across nodes only from shared storage), else a catalog cloud
// image imported from a storage with `import` content.
import { UsageError } from '../errors.js';
import type { CatalogImage } from '../os/catalog.js';
import { nodeStorages, type StorageInfo } from '../api/storage.js';
import type { OsSource, Resolved } from '../os/resolve.js';
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
import { pickTemplate, type BootDisk, type TemplateCandidate } from './vm-template.js';

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
      `--os ${resolved.os}: the template VM (${where}) is on local storage of another node and cannot be ` +
        `cloned to ${explicit}`,
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
  t: TemplateCandidate,
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
