'use strict';
// Where pvectl's V8 code cache lives (issue 13).
// The cache is in the user's cache directory, one subdirectory per Node version and arch; the
// install directory is never written (it may be read-only, or shared by several users), and a
// directory that cannot be written only means no cache. Commands and a noun's help run the CommonJS
// bundle with cached data of our own (bin/code-cache.js, every Node); root help and `--version` run
// dist/help.cjs uncached (Node's own compile cache measured no gain there); the ESM entry runs only
// under PVECTL_NO_CODE_CACHE=1, which means no cache at all.
const { join } = require('node:path');

/** $XDG_CACHE_HOME/pvectl/v8, else ~/.cache/pvectl/v8, one subdirectory per Node version and arch. */
function codeCacheDir(env = process.env, version = process.version, arch = process.arch) {
  const base = env.XDG_CACHE_HOME ? join(env.XDG_CACHE_HOME, 'pvectl') : env.HOME && join(env.HOME, '.cache', 'pvectl');
  return base ? join(base, 'v8', `${version}-${arch}`) : undefined;
}

module.exports = { codeCacheDir };
