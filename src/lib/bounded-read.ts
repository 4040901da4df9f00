// Reading what a user points pvectl at (an --ssh-key FILE, a CA file, stdin) stops a byte past
// the limit: `--ssh-key /dev/zero` read ~600 MB before it was refused. Over the limit is exit 2.
import { closeSync, openSync, readSync } from 'node:fs';
import { UsageError } from '../errors.js';

export const KiB = 1024;
export const MiB = 1024 * KiB;

/** `what` names the input in the message, e.g. "--ssh-key ~/.ssh/id.pub" or "CA file /x.pem". */
export async function readFileBounded(path: string, maxBytes: number, what: string): Promise<string> {
  // imported here: node:fs/promises (with the readline and stream code it loads) costs every
  // command's start some milliseconds, and only a few verbs read a file this way
  const { open } = await import('node:fs/promises');
  const file = await open(path, 'r');
  try {
    const buf = Buffer.alloc(maxBytes + 1);
    let used = 0;
    // a pipe or device may return less than asked: read until end of file or one byte too many
    while (used < buf.length) {
      const { bytesRead } = await file.read(buf, used, buf.length - used, null);
      if (bytesRead === 0) break;
      used += bytesRead;
    }
    return decode(buf, used, maxBytes, what);
  } finally {
    await file.close();
  }
}

export function readFileBoundedSync(path: string, maxBytes: number, what: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(maxBytes + 1);
    let used = 0;
    while (used < buf.length) {
      const bytesRead = readSync(fd, buf, used, buf.length - used, null);
      if (bytesRead === 0) break;
      used += bytesRead;
    }
    return decode(buf, used, maxBytes, what);
  } finally {
    closeSync(fd);
  }
}

/** Reads a stream to its end, refusing (and no longer reading) past `maxBytes`. */
export async function readStreamBounded(
  stream: NodeJS.ReadableStream,
  maxBytes: number,
  what: string,
): Promise<string> {
  const chunks: Buffer[] = [];
  let used = 0;
  for await (const chunk of stream) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    used += b.length;
    // leaving the loop ends the iteration, which stops reading the stream
    if (used > maxBytes) throw tooLarge(what, maxBytes);
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function decode(buf: Buffer, used: number, maxBytes: number, what: string): string {
  if (used > maxBytes) throw tooLarge(what, maxBytes);
  return buf.subarray(0, used).toString('utf8');
}

function tooLarge(what: string, maxBytes: number): UsageError {
  const limit = maxBytes >= MiB ? `${maxBytes / MiB} MiB` : `${maxBytes / KiB} KiB`;
  return new UsageError(`${what} is larger than ${limit}, too large for what it should hold; nothing was sent.`);
}
