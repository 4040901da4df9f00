// What `--os` can mean in a region, and which source a name resolves to. VM sources: template VMs
// (tagged os-<family>[-<version>] or named after the OS, e.g. "debian-12-cloud") and the built-in
// cloud-image catalog. CT sources: templates already on a node's storages (`vztmpl` content) and
// those the node can download from its appliance index (`aplinfo`, QUIRKS E7: empty until the
// node has fetched it).
import type { PveClient } from '../api/client.js';
import type { Guest } from '../api/guests.js';
import { applianceIndex, nodeStorages, storageContent, usable, type StorageInfo } from '../api/storage.js';
import { UsageError } from '../errors.js';
import { runPool } from '../lib/pool.js';
import { CATALOG, type CatalogImage } from './catalog.js';

import { applianceOs, compareVersions, osLabel, parseOsName, templateOs, versionMatches } from './names.js';

export type OsType = 'vm' | 'ct';
export type SourceKind = 'template' | 'cloud-image' | 'local-template' | 'download';

export interface OsSource {
  /** family-version, e.g. "debian-12" */
  os: string;
  family: string;
  version: string;
  type: OsType;
  kind: SourceKind;
  node: string | null;
  storage: string | null;
  detail: string;
  /** kind "template" */
  template?: { vmid: number; name: string; node: string };
  /** kind "cloud-image" */
  image?: CatalogImage;
  /** kind "local-template": the volid to pass as `ostemplate` */
  volid?: string;
  /** kind "download": the aplinfo `template` file name to POST */
  appliance?: string;
}

export function templateSources(guests: Guest[]): OsSource[] {
  const out: OsSource[] = [];
  for (const g of guests) {
    if (g.type !== 'qemu' || !g.template) continue;
    const os = templateOs(g.name, g.tags);
    if (!os) continue;
    out.push({
      os: osLabel(os.family, os.version),
      ...os,
      type: 'vm',
      kind: 'template',
      node: g.node,
      storage: null,
      detail: g.name || `VM ${g.vmid}`,
      template: { vmid: g.vmid, name: g.name, node: g.node },
    });
  }
  return out;
}

export function catalogSources(): OsSource[] {
  return CATALOG.map((image) => ({
    os: osLabel(image.family, image.version),
    family: image.family,
    version: image.version,
    type: 'vm' as const,
    kind: 'cloud-image' as const,
    node: null,
    storage: null,
    detail: image.url,
    image,
  }));
}

/** CT templates already on the node's storages with `vztmpl` content. */
export async function localCtTemplates(client: PveClient, node: string, storages?: StorageInfo[]): Promise<OsSource[]> {
  const list = (storages ?? (await nodeStorages(client, node))).filter(
    (s) => usable(s) && s.content.includes('vztmpl'),
  );
  const found = await Promise.all(
    list.map((s) => storageContent(client, node, s.storage, 'vztmpl').then((vols) => ({ s, vols }))),
  );
  const out: OsSource[] = [];
  for (const { s, vols } of found) {
    for (const v of vols) {
      const file = v.volid.slice(v.volid.indexOf('/') + 1);
      const os = applianceOs({ template: file });
      if (!os) continue;
      out.push({
        os: osLabel(os.family, os.version),
        ...os,
        type: 'ct',
        kind: 'local-template',
        node,
        storage: s.storage,
        detail: v.volid,
        volid: v.volid,
      });
    }
  }
  return out;
}

/** Templates the node can download (its appliance index), system section only. */
export async function downloadableCtTemplates(client: PveClient, node: string): Promise<OsSource[]> {
  const raw = await applianceIndex(client, node);
  const out: OsSource[] = [];
  for (const a of raw) {
    if (typeof a.template !== 'string' || (a.type !== undefined && a.type !== 'lxc')) continue;
    if (a.section !== undefined && a.section !== 'system') continue;
    const os = applianceOs(a);
    if (!os) continue;
    out.push({
      os: osLabel(os.family, os.version),
      ...os,
      type: 'ct',
      kind: 'download',
      node,
      storage: null,
      detail: a.template,
      appliance: a.template,
    });
  }
  return out;
}

/** Every CT source of the given online nodes (the appliance index is read once, from the first). */
export async function ctSources(client: PveClient, nodes: string[], signal?: AbortSignal): Promise<OsSource[]> {
  if (nodes.length === 0) return [];
  const locals = await runPool(nodes, 4, (n) => localCtTemplates(client, n), signal);
  const out: OsSource[] = [];
  const seen = new Set<string>();
  for (const r of locals) {
    if (r.status === 'rejected') throw r.reason;
    for (const s of r.value) {
      const key = `${s.node}:${s.volid}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(s);
    }
  }
  out.push(...(await downloadableCtTemplates(client, nodes[0]!)));
  return out;
}

export interface Resolved {
  /** family-version that won */
  os: string;
  family: string;
  version: string;
  /** every source of that OS, in the order given */
  sources: OsSource[];
}

/** `--os` against the sources of one type: a family picks its newest version. */
export function resolveOs(input: string, type: OsType, sources: OsSource[]): Resolved {
  const wanted = parseOsName(input);
  const ofType = sources.filter((s) => s.type === type);
  const matching = ofType.filter(
    (s) => s.family === wanted.family && s.version !== '' && versionMatches(wanted.version, s.version),
  );
  // a template tagged only with a family (no version) answers for that bare family
  const unversioned = wanted.version === '' ? ofType.filter((s) => s.family === wanted.family && s.version === '') : [];
  if (matching.length === 0 && unversioned.length === 0) throw unknownOs(input, type, ofType);
  if (matching.length === 0) return { os: wanted.family, family: wanted.family, version: '', sources: unversioned };
  const newest = matching.reduce((a, b) => (compareVersions(b.version, a.version) > 0 ? b : a)).version;
  const sourcesOf = matching.filter((s) => s.version === newest);
  return { os: osLabel(wanted.family, newest), family: wanted.family, version: newest, sources: sourcesOf };
}

function unknownOs(input: string, type: OsType, sources: OsSource[]): UsageError {
  const names = [...new Set(sources.map((s) => s.os))].sort();
  const families = [...new Set(sources.map((s) => s.family))].sort();
  const noun = type === 'vm' ? 'vm' : 'ct';
  // QUIRKS E7: a node offers no downloads until it has fetched the appliance index
  const noIndex = type === 'ct' && !sources.some((s) => s.kind === 'download');
  return new UsageError(
    `--os "${input}": no ${type === 'vm' ? 'VM template or cloud image' : 'container template'} for it in ` +
      `this region. ` +
      `Valid: ${names.join(', ') || '(none)'} (or a family: ${families.join(', ') || '(none)'})`,
    {
      hint: noIndex
        ? "The node's appliance index is empty: run `pveam update` on it to offer the downloadable templates."
        : `See: pvectl os list --type ${noun}`,
    },
  );
}
