'use strict';
// The code cache's file format (bin/code-cache.js): a header, then V8's data. Header, little-endian:
// magic "PVC2", CRC-32 of the data, then the bundle file's size, inode, device, mtime and ctime
// as doubles (what fs.fstat gave when the data was made).
const fs = require('node:fs');
const { basename, dirname, join } = require('node:path');

const MAGIC = 0x32435650; // "PVC2"
const HEADER_BYTES = 48;
const KEEP = 4; // entries kept per directory: a few builds or installs side by side, not every old one

/**
 * The V8 data of an entry, or undefined when it is absent, damaged or made from another file, or
 * when someone else could have written it: cached data is code, so an entry that is not the user's
 * own, or that others may write, is never run (the checks above it are no defence against forgery).
 */
function readEntry(path, identity, checksum, fsys = fs, uid = process.getuid?.()) {
  let buf;
  let fd;
  try {
    fd = fsys.openSync(path, 'r');
    const st = fsys.fstatSync(fd);
    // POSIX only: Windows has no uid, and reports every writable file as 0666
    if (uid !== undefined && (st.uid !== uid || st.mode & 0o022)) return undefined;
    buf = fsys.readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fsys.closeSync(fd);
  }
  if (buf.length <= HEADER_BYTES || buf.readUInt32LE(0) !== MAGIC) return undefined;
  if (identity.some((v, i) => buf.readDoubleLE(8 + 8 * i) !== v)) return undefined;
  const data = buf.subarray(HEADER_BYTES);
  return checksum(data) === buf.readUInt32LE(4) ? data : undefined;
}

/**
 * Writes an entry whole or not at all: a temporary file renamed over the name, so a concurrent run
 * reads the old entry, the new one or none, never half of one. Then drops the oldest other entries.
 * Returns whether it was written; any failure (read-only or full disk) only means no cache.
 */
function writeEntry(path, identity, data, checksum, fsys = fs) {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    fsys.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt32LE(MAGIC, 0);
    header.writeUInt32LE(checksum(data), 4);
    identity.forEach((v, i) => header.writeDoubleLE(v, 8 + 8 * i));
    fsys.writeFileSync(tmp, Buffer.concat([header, data]), { mode: 0o600 });
    fsys.renameSync(tmp, path);
  } catch {
    try {
      fsys.rmSync(tmp, { force: true });
    } catch {}
    return false;
  }
  prune(dir, basename(path), fsys);
  return true;
}

function prune(dir, keep, fsys) {
  try {
    const others = fsys
      .readdirSync(dir)
      .filter((f) => f !== keep && /^pvectl-[0-9a-z]+-[0-9a-f]{8}-[0-9a-z]+\.bin$/.test(f))
      .map((f) => ({ f, t: fsys.statSync(join(dir, f)).mtimeMs }))
      .sort((a, b) => b.t - a.t);
    for (const { f } of others.slice(KEEP - 1)) fsys.rmSync(join(dir, f), { force: true });
  } catch {}
}

module.exports = { readEntry, writeEntry, HEADER_BYTES, KEEP };
