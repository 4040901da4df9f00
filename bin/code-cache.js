'use strict';
// Runs the CommonJS bundle (dist/pvectl.cjs) with V8 cached data (issue 13). Node 20's ESM loader
// takes no cached data and has no module.enableCompileCache, so API commands run this bundle through
// vm.Script instead. The data sits in the user's cache directory (bin/compile-cache.js), in a file
// named for the bundle's CRC-32 and length, Node's flags and (its directory) the Node version and
// arch; the file also carries both CRCs, checked before V8 sees a byte: V8 itself checks only its
// version, its flags and the source's length, and release builds skip its checksum, so a changed
// bundle of the same length or a damaged file would otherwise be trusted. Anything that does not
// match is ignored and rewritten; a cache directory that cannot be written means no cache.
const fs = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');
const { codeCacheDir } = require('./compile-cache.js');

const MAGIC = 0x50564331; // "PVC1"
const HEADER_BYTES = 16; // magic, CRC-32 of the bundle, its length, CRC-32 of the V8 data
const KEEP = 4; // entries kept per directory: a few builds or installs side by side, not every old one

/** The cache file for this bundle under these flags (V8 rejects data made under other flags). */
function entryName(sourceCrc, sourceLength, crc32, execArgv = process.execArgv, env = process.env) {
  const flags = crc32(Buffer.from(`${execArgv.join('\0')}\0${env.NODE_OPTIONS ?? ''}`));
  return `pvectl-${hex(sourceCrc)}-${sourceLength}-${hex(flags)}.bin`;
}
const hex = (n) => n.toString(16).padStart(8, '0');

/** The V8 data of an entry, or undefined when it is absent, damaged or for another bundle. */
function readEntry(path, sourceCrc, sourceLength, crc32, fsys = fs) {
  let buf;
  try {
    buf = fsys.readFileSync(path);
  } catch {
    return undefined;
  }
  if (buf.length <= HEADER_BYTES || buf.readUInt32LE(0) !== MAGIC) return undefined;
  if (buf.readUInt32LE(4) !== sourceCrc || buf.readUInt32LE(8) !== sourceLength) return undefined;
  const data = buf.subarray(HEADER_BYTES);
  return crc32(data) === buf.readUInt32LE(12) ? data : undefined;
}

/**
 * Writes an entry whole or not at all: a temporary file renamed over the name, so a concurrent run
 * reads the old entry, the new one or none, never half of one. Then drops the oldest other entries.
 * Returns whether it was written; any failure (read-only or full disk) only means no cache.
 */
function writeEntry(dir, name, sourceCrc, sourceLength, data, crc32, fsys = fs) {
  const tmp = join(dir, `.${name}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    fsys.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt32LE(MAGIC, 0);
    header.writeUInt32LE(sourceCrc, 4);
    header.writeUInt32LE(sourceLength, 8);
    header.writeUInt32LE(crc32(data), 12);
    fsys.writeFileSync(tmp, Buffer.concat([header, data]), { mode: 0o600 });
    fsys.renameSync(tmp, join(dir, name));
  } catch {
    try {
      fsys.rmSync(tmp, { force: true });
    } catch {}
    return false;
  }
  prune(dir, name, fsys);
  return true;
}

function prune(dir, keep, fsys) {
  try {
    const others = fsys
      .readdirSync(dir)
      .filter((f) => f !== keep && /^pvectl-[0-9a-f]{8}-\d+-[0-9a-f]{8}\.bin$/.test(f))
      .map((f) => ({ f, t: fsys.statSync(join(dir, f)).mtimeMs }))
      .sort((a, b) => b.t - a.t);
    for (const { f } of others.slice(KEEP - 1)) fsys.rmSync(join(dir, f), { force: true });
  } catch {}
}

/**
 * Evaluates the CommonJS bundle at `file` and returns its exports, with `cache` telling what
 * happened: 'hit' (V8 took the data), 'written' (none usable: compiled, data written), 'miss'
 * (none usable and none could be written), 'rejected' (V8 refused the data: rewritten) or
 * 'off' (no cache directory, or no zlib.crc32). Options are for tests.
 */
function runCached(file, opts = {}) {
  const env = opts.env ?? process.env;
  const fsys = opts.fs ?? fs;
  const source = fsys.readFileSync(file);
  const crc32 = opts.crc32 ?? require('node:zlib').crc32;
  const dir = codeCacheDir(env, opts.version, opts.arch);
  const usable = typeof crc32 === 'function' && dir !== undefined;
  const sourceCrc = usable ? crc32(source) : 0;
  const name = usable ? entryName(sourceCrc, source.length, crc32, opts.execArgv, env) : '';
  const cachedData = usable ? readEntry(join(dir, name), sourceCrc, source.length, crc32, fsys) : undefined;

  // the same wrapper as Node's CommonJS loader; the bundle is strict, as the ESM bundle is
  const code = `(function (exports, require, module, __filename, __dirname) {${source.toString('utf8')}\n})`;
  const script = new vm.Script(code, { filename: file, cachedData });
  let cache = !usable ? 'off' : cachedData && !script.cachedDataRejected ? 'hit' : 'miss';
  if (cache === 'miss') {
    // made now, before the run: only what V8 compiled eagerly (measured faster to load than the
    // data of a whole run), and under the flags of start-up (the transport sets one later)
    const written = writeEntry(dir, name, sourceCrc, source.length, script.createCachedData(), crc32, fsys);
    cache = cachedData ? 'rejected' : written ? 'written' : 'miss';
  }
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(file), mod, file, dirname(file));
  return { exports: mod.exports, cache, entry: usable ? join(dir, name) : undefined };
}

module.exports = { runCached, entryName, readEntry, writeEntry, HEADER_BYTES };
