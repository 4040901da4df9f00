#!/usr/bin/env node
'use strict';
// The launcher. CommonJS (bin/package.json), so that a command never starts Node's ESM loader: it
// runs the one-file CommonJS bundle with V8 cached data (bin/code-cache.js), a noun's help too (its
// modules are evaluated only when used: measured cheaper than the code-split ESM entry and its
// chunks). Root help and the version take dist/help.cjs, a plain CommonJS module with only the
// parser (no noun's verbs). PVECTL_NO_CODE_CACHE=1 runs everything from the ESM entry, with no
// cache read or written. All three bundles are built from the same src/main.ts.
const { join } = require('node:path');

const argv = process.argv.slice(2);

/** Whether commander only prints help or the version: no verb code runs. */
function helpOrVersion(args) {
  if (args.length === 0 || args[0] === 'help') return true;
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) return true;
  return args.includes('--help') || args.includes('-h');
}

/** Writes the code cache once the command is done, when its run had none it could use. */
let saveCodeCache = () => {};

async function loadMain() {
  if (process.env.PVECTL_NO_CODE_CACHE) return (await import('../dist/pvectl.js')).main;
  // no noun: no verb can run, so the bundle that lacks them all can answer. Not through Node's
  // compile cache: turning it on and checking the entry cost more than it saved (Node 22, 24).
  // Any argv that names a noun runs the whole bundle, help or not (`vm exec web -- df -h` runs).
  if (helpOrVersion(argv) && require('../dist/noun-of.cjs').nounOf(argv) === undefined) {
    return require('../dist/help.cjs').main;
  }
  const bundle = require('./code-cache.js').runCached(join(__dirname, '../dist/pvectl.cjs'));
  saveCodeCache = bundle.save;
  // before a command changes a V8 flag (src/lib/v8-flags.ts): data made after it would be refused
  process.once('pvectl:before-v8-flags', saveCodeCache);
  return bundle.exports.main;
}

loadMain()
  .then((main) => main(argv))
  .then(async (code) => {
    process.exitCode = code;
    // A write to a full pipe is queued, not done (a slow reader: `pvectl api get … | slow`), so
    // leave only once stdout and stderr have handed everything to the OS.
    await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
    // after the output: a user (or `| head`) does not wait for the cache's first write
    saveCodeCache();
    // The command is done: leave now. Ending by running out of work would also tear down V8's heap
    // and Node's environment, ~5 ms of CPU for an API call (bench/README.md), and a stray socket
    // or timer would hold the process open.
    process.exit(code);
  });

/** Resolves once what was written to the stream has left it (or the stream failed: EPIPE). */
function flushed(stream) {
  if (!stream.writableLength || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    stream.once('error', resolve);
    stream.write('', () => resolve());
  });
}
