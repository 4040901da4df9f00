// The gzip form of an answer kept in parts (answer-cache.ts). Each part is deflated on its own:
// a fresh window, ended by a sync flush (byte-aligned, not the last block), so a part whose bytes
// did not change keeps its compressed form. The parts, an empty last block and the CRC-32 and
// length of the whole make one gzip member (RFC 1952): several concatenated members would be
// valid too, but some clients stop reading after the first.
import { constants, crc32, deflateRaw, deflateRawSync } from 'node:zlib';

// magic, deflate, no flags, no mtime, XFL 4 (fastest), OS 3 (Unix): as zlib's gzip at level 1
const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 4, 3]);
const LAST = Buffer.from([0x03, 0x00]); // an empty final block (fixed codes: end of block only)

// Level 1: 32 MB at level 6 costs ~0.4 s of CPU, level 1 less than half; a client cannot tell.
const OPTIONS = { level: constants.Z_BEST_SPEED, finishFlush: constants.Z_SYNC_FLUSH };

export function deflatePart(part: Uint8Array): Buffer {
  return deflateRawSync(part, OPTIONS);
}

// On libuv's thread pool: the parts of a big answer are compressed on several cores at once.
export function deflatePartAsync(part: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => deflateRaw(part, OPTIONS, (err, out) => (err ? reject(err) : resolve(out))));
}

export function gzipOf(parts: readonly Uint8Array[], deflated: readonly Buffer[]): Buffer[] {
  let crc = 0;
  let size = 0;
  for (const p of parts) {
    crc = crc32(p, crc);
    size += p.length;
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size % 2 ** 32, 4);
  return [HEADER, ...deflated, LAST, trailer];
}
