// What `vm create --os` / `ct create --os` accept in a region, as completion values: each family
// (`debian`) and each family-version (`debian-12`) that `os list` would show for that type.
import type { PveClient } from '../../api/client.js';
import { listGuests } from '../../api/guests.js';
import { listNodes } from '../../api/nodes.js';
import { compareVersions } from '../../os/names.js';
import { catalogSources, ctSources, templateSources, type OsSource, type OsType } from '../../os/resolve.js';

export async function osNames(client: PveClient, type: OsType, signal?: AbortSignal): Promise<string[]> {
  let sources: OsSource[];
  if (type === 'vm') {
    sources = [...templateSources(await listGuests(client, 'qemu')), ...catalogSources()];
  } else {
    const nodes = (await listNodes(client)).filter((n) => n.status === 'online').map((n) => n.node);
    sources = await ctSources(client, nodes.sort(), signal);
  }
  const families = [...new Set(sources.map((s) => s.family))].sort();
  const byLabel = new Map(sources.map((s) => [s.os, s]));
  const labels = [...byLabel.values()]
    .sort((a, b) => (a.family === b.family ? compareVersions(a.version, b.version) : a.family < b.family ? -1 : 1))
    .map((s) => s.os);
  return [...new Set([...families, ...labels])];
}
