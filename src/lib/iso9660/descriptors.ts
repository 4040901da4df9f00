// The volume descriptors (ECMA-119 8.4, 8.5): the primary one, the Joliet supplementary one (same
// layout, UCS-2 identifiers, escape sequence "%/E" = UCS-2 level 3) and the set terminator.
import { SECTOR, both16, both32, descriptorDate, padded } from './fields.js';

export interface VolumeFacts {
  volumeId: string;
  applicationId: string;
  sectors: number;
  pathTableSize: number;
  lPathTable: number;
  mPathTable: number;
  rootRecord: Buffer;
  date: Date;
}

export function volumeDescriptor(v: VolumeFacts, joliet: boolean): Buffer {
  const buf = Buffer.alloc(SECTOR);
  buf[0] = joliet ? 2 : 1;
  buf.write('CD001', 1, 'latin1');
  buf[6] = 1;
  padded(buf, 8, 32, '', joliet); // system identifier
  padded(buf, 40, 32, v.volumeId, joliet);
  both32(buf, 80, v.sectors);
  if (joliet) buf.write('%/E', 88, 'latin1');
  both16(buf, 120, 1); // volume set size
  both16(buf, 124, 1); // volume sequence number
  both16(buf, 128, SECTOR);
  both32(buf, 132, v.pathTableSize);
  buf.writeUInt32LE(v.lPathTable, 140);
  buf.writeUInt32BE(v.mPathTable, 148);
  v.rootRecord.copy(buf, 156);
  padded(buf, 190, 128, '', joliet); // volume set
  padded(buf, 318, 128, '', joliet); // publisher
  padded(buf, 446, 128, '', joliet); // data preparer
  padded(buf, 574, 128, v.applicationId, joliet);
  padded(buf, 702, 37, '', joliet); // copyright file (odd length: the last byte stays a space)
  padded(buf, 739, 37, '', joliet); // abstract file
  padded(buf, 776, 37, '', joliet); // bibliographic file
  descriptorDate(buf, 813, v.date); // creation
  descriptorDate(buf, 830, v.date); // modification
  descriptorDate(buf, 847, null); // expiration
  descriptorDate(buf, 864, null); // effective
  buf[881] = 1; // file structure version
  return buf;
}

export function terminator(): Buffer {
  const buf = Buffer.alloc(SECTOR);
  buf[0] = 255;
  buf.write('CD001', 1, 'latin1');
  buf[6] = 1;
  return buf;
}
