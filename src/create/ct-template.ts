// The template a new container is made from: one already on the node, else downloaded from the
// node's appliance index — once: parallel creates that need it take turns through a lock file,
// so one downloads and the others find it.
import { downloadAppliance } from '../api/storage.js';
import { UsageError } from '../errors.js';
import { localCtTemplates, type OsSource, type StorageInfo } from '../os/resolve.js';
import { downloadLock } from './download-lock.js';
import { runTask, type Session } from './session.js';

/** The template's volid on the node: a local one, else downloaded from the appliance index first (once). */
export async function ensureCtTemplate(
  s: Session,
  node: string,
  storages: StorageInfo[],
  sources: OsSource[],
): Promise<string> {
  const local = sources.find((x) => x.kind === 'local-template' && x.node === node);
  if (local?.volid) return local.volid;
  const download = sources.find((x) => x.kind === 'download' && x.appliance);
  if (!download?.appliance) throw new UsageError(`--os ${sources[0]?.os ?? ''}: no template for it on ${node}`);
  const fit = storages.filter((x) => x.active && x.content.includes('vztmpl'));
  const target = fit.find((x) => x.storage === 'local') ?? fit[0];
  if (!target) {
    throw new UsageError(`no storage on ${node} holds "vztmpl" content to download ${download.appliance} into`, {
      hint: 'Enable it on a file storage (e.g. pvesm set local --content iso,vztmpl,backup).',
    });
  }
  const volid = `${target.storage}:vztmpl/${download.appliance}`;
  const lock = await downloadLock(s, node, target, download.appliance);
  try {
    if (lock && (await localCtTemplates(s.client, node)).some((x) => x.volid === volid)) return volid;
    const upid = await downloadAppliance(s.client, node, target.storage, download.appliance);
    await runTask(s, `Downloading ${download.appliance} to ${target.storage} on ${node}`, upid);
    return volid;
  } finally {
    lock?.release();
  }
}
