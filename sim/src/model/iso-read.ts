// Reads the files of a flat ISO 9660 image (the root directory only), preferring the Joliet names:
// how the simulated guest's cloud-init finds its NoCloud seed. Independent of pvectl's writer.

const SECTOR = 2048;

export interface IsoVolume {
  volumeId: string;
  files: Map<string, Buffer>;
}

export function readIso(data: Buffer): IsoVolume | null {
  let primary: Buffer | undefined;
  let joliet: Buffer | undefined;
  for (let s = 16; (s + 1) * SECTOR <= data.length; s++) {
    const d = data.subarray(s * SECTOR, (s + 1) * SECTOR);
    if (d.subarray(1, 6).toString('latin1') !== 'CD001') return null;
    if (d[0] === 1) primary = d;
    if (d[0] === 2 && d.subarray(88, 91).toString('latin1') === '%/E') joliet = d;
    if (d[0] === 255) break;
  }
  const pvd = joliet ?? primary;
  if (!primary || !pvd) return null;
  const volumeId = primary.subarray(40, 72).toString('latin1').trim();
  const root = pvd.subarray(156, 190);
  const dir = data.subarray(root.readUInt32LE(2) * SECTOR, root.readUInt32LE(2) * SECTOR + root.readUInt32LE(10));
  const files = new Map<string, Buffer>();
  for (let at = 0; at < dir.length && dir[at]! > 0; at += dir[at]!) {
    const rec = dir.subarray(at, at + dir[at]!);
    if ((rec[25]! & 0x02) !== 0) continue; // a directory ("." and "..")
    const id = rec.subarray(33, 33 + rec[32]!);
    let name = joliet
      ? ucs2(id)
      : id
          .toString('latin1')
          .toLowerCase()
          .replace(/\.?;1$/, '');
    name = name.replace(/;1$/, '');
    const lba = rec.readUInt32LE(2);
    files.set(name, data.subarray(lba * SECTOR, lba * SECTOR + rec.readUInt32LE(10)));
  }
  return { volumeId, files };
}

function ucs2(b: Buffer): string {
  let s = '';
  for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode(b.readUInt16BE(i));
  return s;
}
