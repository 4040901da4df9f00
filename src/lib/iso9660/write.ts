// A small ISO 9660 writer for flat images of a few small files, such as a cloud-init NoCloud seed
// (no npm library writes ISO 9660). Each file appears twice: in the primary tree with an upper-case
// ISO name ("USER_DATA.;1") and in a Joliet tree with its real name ("user-data"), which Linux
// (and so cloud-init) reads in preference. The same input always gives the same bytes.
import { volumeDescriptor, terminator } from './descriptors.js';
import { SECTOR, ucs2be } from './fields.js';
import { directoryRecord, rootPathTable, type Extent } from './records.js';

export interface IsoFile {
  name: string;
  data: Buffer;
}

export interface IsoOptions {
  volumeId: string;
  applicationId?: string;
  /** timestamp recorded everywhere; fixed by default so the bytes depend on the content only */
  date?: Date;
}

const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));
// sectors 0-15 system area, 16 primary, 17 Joliet, 18 terminator, 19-22 path tables, 23-24 roots
const PRIMARY_ROOT = 23;
const JOLIET_ROOT = 24;
const FIRST_FILE = 25;

/** The ISO 9660 name of a file: d-characters (A-Z 0-9 _), a dot and version 1. */
export function isoName(name: string): string {
  const upper = name.toUpperCase().replace(/[^A-Z0-9_.]/g, '_');
  const dot = upper.lastIndexOf('.');
  const base = (dot > 0 ? upper.slice(0, dot) : upper).replace(/\./g, '_');
  return `${base.slice(0, 30)}.${dot > 0 ? upper.slice(dot + 1) : ''};1`;
}

export function writeIso(files: IsoFile[], opts: IsoOptions): Buffer {
  if (!/^[A-Za-z0-9_]{1,16}$/.test(opts.volumeId)) throw new Error(`bad ISO volume id "${opts.volumeId}"`);
  const date = opts.date ?? FIXED_DATE;
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let lba = FIRST_FILE;
  const placed = sorted.map((f) => {
    const at = lba;
    lba += Math.max(1, Math.ceil(f.data.length / SECTOR));
    return { ...f, lba: at };
  });
  const sectors = lba;

  const tree = (rootLba: number, id: (name: string) => Buffer): { root: Buffer; records: Buffer } => {
    const self: Extent = { id: Buffer.from([0]), lba: rootLba, size: SECTOR, dir: true };
    const entries = [self, { ...self, id: Buffer.from([1]) }];
    for (const f of placed) entries.push({ id: id(f.name), lba: f.lba, size: f.data.length, dir: false });
    const records = Buffer.concat(entries.map((e) => directoryRecord(e, date)));
    if (records.length > SECTOR) throw new Error('too many files for a one-sector ISO directory');
    return { root: directoryRecord(self, date), records };
  };
  const primary = tree(PRIMARY_ROOT, (n) => Buffer.from(isoName(n), 'latin1'));
  const joliet = tree(JOLIET_ROOT, (n) => ucs2be(n.slice(0, 64)));

  const image = Buffer.alloc(sectors * SECTOR);
  const facts = {
    volumeId: opts.volumeId,
    applicationId: opts.applicationId ?? '',
    sectors,
    pathTableSize: 10,
    date,
  };
  const put = (sector: number, data: Buffer): void => void data.copy(image, sector * SECTOR);
  put(16, volumeDescriptor({ ...facts, lPathTable: 19, mPathTable: 20, rootRecord: primary.root }, false));
  put(17, volumeDescriptor({ ...facts, lPathTable: 21, mPathTable: 22, rootRecord: joliet.root }, true));
  put(18, terminator());
  put(19, rootPathTable(PRIMARY_ROOT, false));
  put(20, rootPathTable(PRIMARY_ROOT, true));
  put(21, rootPathTable(JOLIET_ROOT, false));
  put(22, rootPathTable(JOLIET_ROOT, true));
  put(PRIMARY_ROOT, primary.records);
  put(JOLIET_ROOT, joliet.records);
  for (const f of placed) put(f.lba, f.data);
  return image;
}
