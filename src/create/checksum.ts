// The checksum a catalog image's `download-url` carries: read from the vendor's checksum list on
// this machine (Node's fetch via the Context, 15 s at most, Ctrl-C honoured) just before the download, so that the
// node verifies the file it fetched. A list that cannot be read, or that has no line for the file,
// is a warning and the download goes ahead without one: Proxmox still checks the TLS certificate
// of the image's host, and a cloud image is worth more than a refusal here.
import type { Context } from '../context.js';
import { InterruptedError } from '../errors.js';
import type { CatalogImage } from '../os/catalog.js';
import { findChecksum, urlFileName, type ChecksumAlgorithm } from '../os/checksum-list.js';
import { deadline } from '../lib/deadline.js';

export const CHECKSUM_LIST_TIMEOUT_MS = 15_000;

export interface DownloadChecksum {
  checksum: string;
  'checksum-algorithm': ChecksumAlgorithm;
}

type ChecksumContext = Pick<Context, 'signal' | 'warn' | 'clock' | 'webFetch'>;

export async function vendorChecksum(
  ctx: ChecksumContext,
  image: CatalogImage,
  timeoutMs = CHECKSUM_LIST_TIMEOUT_MS,
): Promise<DownloadChecksum | undefined> {
  const { listUrl, algorithm, perImage } = image.checksum;
  const file = urlFileName(image.url);
  let reason: string;
  try {
    const value = findChecksum(await fetchText(ctx, listUrl, timeoutMs), file, algorithm, perImage);
    if (value) return { checksum: value, 'checksum-algorithm': algorithm };
    reason = `it has no ${algorithm.toUpperCase()} line for ${file}`;
  } catch (err) {
    if (ctx.signal.aborted)
      throw new InterruptedError(`interrupted while reading the checksum list ${listUrl}; nothing was downloaded`);
    reason = describeFailure(err, timeoutMs);
  }
  ctx.warn(
    `could not read the checksum list ${listUrl}: ${reason}; the image is downloaded without a checksum ` +
      `(Proxmox still checks the TLS certificate of ${new URL(image.url).host})`,
  );
  return undefined;
}

async function fetchText(ctx: ChecksumContext, url: string, timeoutMs: number): Promise<string> {
  const limit = deadline(timeoutMs, ctx.signal, ctx.clock);
  try {
    const res = await ctx.webFetch(url, { signal: limit.signal, redirect: 'follow' });
    if (!res.ok) {
      void res.body?.cancel().catch(() => {}); // the connection may go: nothing more is read from it
      throw new Error(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
    }
    return await res.text();
  } finally {
    limit.clear();
  }
}

function describeFailure(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && err.name === 'TimeoutError') return `no answer within ${timeoutMs / 1000}s`;
  if (!(err instanceof Error)) return String(err);
  // undici: TypeError "fetch failed" with the network error (ENOTFOUND, ECONNREFUSED, …) as its cause
  const cause = err.cause as { code?: unknown; message?: unknown } | undefined;
  const detail =
    typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : undefined;
  return detail ? `${err.message} (${detail})` : err.message;
}
