// Directory records and path tables (ECMA-119 9.1 and 9.4) of a single-directory image.
import { both16, both32, recordDate } from './fields.js';

export interface Extent {
  /** raw identifier bytes: 0x00 for ".", 0x01 for "..", else the (encoded) file name */
  id: Buffer;
  lba: number;
  size: number;
  dir: boolean;
}

/** One directory record; its length is even (a padding byte follows an even-length identifier). */
export function directoryRecord(e: Extent, date: Date): Buffer {
  const length = 33 + e.id.length + (e.id.length % 2 === 0 ? 1 : 0);
  const buf = Buffer.alloc(length);
  buf[0] = length;
  both32(buf, 2, e.lba);
  both32(buf, 10, e.size);
  recordDate(buf, 18, date);
  buf[25] = e.dir ? 0x02 : 0x00;
  both16(buf, 28, 1); // volume sequence number
  buf[32] = e.id.length;
  e.id.copy(buf, 33);
  return buf;
}

/**
 * The path table of an image whose only directory is the root (ECMA-119 9.4): one 10-byte record,
 * in little-endian (type L) or big-endian (type M) byte order.
 */
export function rootPathTable(rootLba: number, bigEndian: boolean): Buffer {
  const buf = Buffer.alloc(10);
  buf[0] = 1; // identifier length: the root's identifier is one 0x00 byte
  if (bigEndian) {
    buf.writeUInt32BE(rootLba, 2);
    buf.writeUInt16BE(1, 6);
  } else {
    buf.writeUInt32LE(rootLba, 2);
    buf.writeUInt16LE(1, 6);
  }
  return buf;
}
