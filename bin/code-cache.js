'use strict';
// Runs the CommonJS bundle (dist/pvectl.cjs) with V8 cached data (issue 13). Node 20's ESM loader
// takes no cached data and has no module.enableCompileCache, so commands run this bundle through
// vm.Script instead. The data sits in the user's cache directory (bin/compile-cache.js: one
// directory per Node version and arch), in a file named for the build (the hash the build writes
// on the bundle's last line), the bundle's path, and V8's version and flags. Its header records the
// bundle file it was made from (size, inode, device, mtime and ctime: any rewrite of the file
// changes its ctime) and a CRC-32 of the data, both checked before V8 sees a byte: V8 itself
// checks only its version, its flags and the source's length, and release builds skip its own
// checksum, so an edited bundle of the same length or a damaged file would otherwise be trusted.
// An entry that is not the user's own, or that others may write, is not run (code-cache-file.js).
// Whatever does not match is ignored and rewritten (by the launcher, once the command is done); a
// cache directory that cannot be written means no cache. The bundle is never hashed at run time:
// reading the file is the cost we cut.
const { isAscii } = require('node:buffer');
const fs = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');
// crc32: native, where a checksum loop in JS took 6-30 ms before V8 optimised it (zlib: ~3.5 ms CPU)
const zlib = require('node:zlib');
const { codeCacheDir } = require('./compile-cache.js');
const { readEntry, writeEntry } = require('./code-cache-file.js');

/**
 * The cache file for this bundle under this V8 and its flags. The V8 part is V8's own version and
 * flag hashes, read from the header of cached data for an empty script (bytes 4-7 and 12-15 of
 * SerializedCodeData): exactly what V8 checks, so Node's own options (--cpu-prof-dir …) do not
 * split the cache. Were that layout to change, the name would still differ per V8 and flags, and
 * V8's own check (then a rewrite) would still hold.
 */
function entryName(source, file, probe = new vm.Script('').createCachedData(), crc32 = zlib.crc32) {
  const tail = source.subarray(Math.max(0, source.length - 80)).toString('latin1');
  const build = /\/\/# pvectl-build=([0-9a-f]{16})\s*$/.exec(tail)?.[1] ?? 'unknown';
  const v8 = probe.length >= 16 ? hex(probe.readUInt32LE(4)) + hex(probe.readUInt32LE(12)) : 'unknown';
  return `pvectl-${build}-${hex(crc32(Buffer.from(file)))}-${v8}.bin`;
}
const hex = (n) => n.toString(16).padStart(8, '0');

/** The bundle's contents and identity, both from one open file (no swap between stat and read). */
function readBundle(file, fsys) {
  const fd = fsys.openSync(file, 'r');
  try {
    const st = fsys.fstatSync(fd);
    return { source: fsys.readFileSync(fd), identity: [st.size, st.ino, st.dev, st.mtimeMs, st.ctimeMs] };
  } finally {
    fsys.closeSync(fd);
  }
}

/**
 * Evaluates the CommonJS bundle at `file` and returns its exports, with `cache` telling what
 * happened: 'hit' (V8 took the data), 'unwritten' (none usable: compiled without), or 'off' (no
 * cache directory, or a Node without zlib.crc32). After an 'unwritten' run, call `save()` once the
 * command has finished: it writes the entry and returns the final state, 'written' (none usable:
 * data written), 'miss' (none usable and none could be written, or V8's flags changed during the
 * run), or 'rejected' (V8 refused the data: rewritten if it could be); it writes once, however often
 * it is called. Options are for tests.
 */
function runCached(file, opts = {}) {
  const env = opts.env ?? process.env;
  const fsys = opts.fs ?? fs;
  const { source, identity } = readBundle(file, fsys);
  const dir = codeCacheDir(env, opts.version, opts.arch);
  const probe = opts.v8Probe ?? new vm.Script('').createCachedData();
  const entry = dir && zlib.crc32 && join(dir, entryName(source, file, probe));
  const cachedData = entry && readEntry(entry, identity, zlib.crc32, fsys, opts.uid ?? process.getuid?.());

  // The file is one function expression, Node's CommonJS wrapper around the bundle (the build
  // writes it so). It is ASCII (esbuild escapes the rest), which latin1 copies as is: decoding it
  // as UTF-8 took about twice as long.
  const text = isAscii(source) ? source.toString('latin1') : source.toString('utf8');
  const script = new vm.Script(text, { filename: file, cachedData });
  const cache = !entry ? 'off' : cachedData && !script.cachedDataRejected ? 'hit' : 'unwritten';
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(file), mod, file, dirname(file));
  // Made after the run, not after the compile: then the data holds every function the command
  // compiled, not only what V8 compiled eagerly, which spared ~12 ms of a tiny API call's ~90
  // (bench/README.md). Not when V8's flags changed meanwhile (the console sets --liftoff-only): V8
  // would refuse that data at the next start, which runs under the plain flags.
  // A command that is about to change a flag asks for the data first (src/lib/v8-flags.ts); the
  // first call decides, later ones return its outcome.
  let saved;
  const save = () => {
    if (cache !== 'unwritten') return cache;
    if (saved) return saved;
    const sameFlags = flagHash(new vm.Script('').createCachedData()) === flagHash(probe);
    const written = sameFlags && writeEntry(entry, identity, script.createCachedData(), zlib.crc32, fsys);
    saved = cachedData ? 'rejected' : written ? 'written' : 'miss';
    return saved;
  };
  return { exports: mod.exports, cache, entry, save };
}
const flagHash = (probe) => (probe.length >= 16 ? probe.readUInt32LE(12) : -1);

module.exports = { runCached, entryName };
