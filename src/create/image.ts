// A catalog cloud image in a storage's `import` content on the target node, downloaded once: an
// image already there is reused, and parallel creates that need the same image take turns through
// a lock file, so one downloads and the others find it (QUIRKS E5: download-url never overwrites).
// The download carries the vendor's checksum when its list can be read (./checksum.ts).
import { downloadUrl, storageContent, usable, type DownloadUrlParams, type StorageInfo } from '../api/storage.js';
import { ApiError, TaskError, UsageError } from '../errors.js';
import type { CatalogImage } from '../os/catalog.js';
import { vendorChecksum } from './checksum.js';
import { downloadLock } from './download-lock.js';
import { runTask, type Session } from './session.js';

export function pickImportStorage(storages: StorageInfo[], node: string): StorageInfo {
  const fit = storages.filter((s) => usable(s) && s.content.includes('import'));
  const chosen = fit.find((s) => s.storage === 'local') ?? fit[0];
  if (!chosen) {
    throw new UsageError(`no storage on ${node} holds "import" content, which a cloud image download needs`, {
      hint:
        'Enable it on a file storage (e.g. pvesm set local --content iso,vztmpl,backup,import), or make a ' +
        'template VM for this OS.',
    });
  }
  return chosen;
}

export async function findImage(
  s: Session,
  node: string,
  storage: string,
  filename: string,
): Promise<string | undefined> {
  const volid = `${storage}:import/${filename}`;
  const vols = await storageContent(s.client, node, storage, 'import');
  return vols.some((v) => v.volid === volid) ? volid : undefined;
}

/** The image's volid on `storage`, downloading it first when it is not there yet. */
export async function ensureImage(
  s: Session,
  node: string,
  storage: StorageInfo,
  image: CatalogImage,
): Promise<string> {
  const volid = `${storage.storage}:import/${image.filename}`;
  if (await findImage(s, node, storage.storage, image.filename)) {
    s.ctx.info(`Using ${volid} (downloaded before)`);
    return volid;
  }
  const lock = await downloadLock(s, node, storage, image.filename);
  try {
    if (lock && (await findImage(s, node, storage.storage, image.filename))) {
      s.ctx.info(`Using ${volid} (downloaded meanwhile)`);
      return volid;
    }
    // read now, not earlier: the list must describe the file the node is about to fetch
    const params: DownloadUrlParams = {
      url: image.url,
      content: 'import',
      filename: image.filename,
      ...(await vendorChecksum(s.ctx, image)),
    };
    try {
      const upid = await downloadUrl(s.client, node, storage.storage, params);
      await runTask(s, `Downloading ${image.filename} to ${storage.storage} on ${node}`, upid);
    } catch (err) {
      // someone else's download (outside pvectl) finished first: the file is there, which is all we need
      if (refusedExisting(err) && (await findImage(s, node, storage.storage, image.filename))) return volid;
      throw err;
    }
    return volid;
  } finally {
    lock?.release();
  }
}

function refusedExisting(err: unknown): boolean {
  const text = err instanceof TaskError ? err.exitstatus : err instanceof ApiError ? err.message : '';
  return /refusing to override existing file|already exists/i.test(text);
}
