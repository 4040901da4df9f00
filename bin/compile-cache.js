'use strict';
// Where pvectl's V8 code cache lives (issue 13), and Node's own compile cache for the ESM entry.
// The cache is in the user's cache directory, one subdirectory per Node version and arch; the
// install directory is never written (it may be read-only, or shared by several users), and a
// directory that cannot be written only means no cache. Commands and a noun's help run the CommonJS
// bundle with cached data of our own (bin/code-cache.js, every Node); root help and `--version` run
// dist/help.cjs uncached. enableCodeCache (Node's own cache, 22.1+) is no longer called by the
// launcher: the ESM entry now runs only under PVECTL_NO_CODE_CACHE=1, which means no cache.
const module_ = require('node:module');
const { join } = require('node:path');

/** $XDG_CACHE_HOME/pvectl/v8, else ~/.cache/pvectl/v8, one subdirectory per Node version and arch. */
function codeCacheDir(env = process.env, version = process.version, arch = process.arch) {
  const base = env.XDG_CACHE_HOME ? join(env.XDG_CACHE_HOME, 'pvectl') : env.HOME && join(env.HOME, '.cache', 'pvectl');
  return base ? join(base, 'v8', `${version}-${arch}`) : undefined;
}

/** Turns Node's cache on before the ESM bundle loads; returns the directory used, or undefined. */
function enableCodeCache(env = process.env, mod = module_) {
  if (typeof mod.enableCompileCache !== 'function' || env.PVECTL_NO_CODE_CACHE) return undefined;
  const dir = codeCacheDir(env);
  if (!dir) return undefined;
  try {
    const res = mod.enableCompileCache(dir);
    // FAILED (e.g. a read-only cache directory) or DISABLED: run without it
    const ok = res && mod.constants?.compileCacheStatus;
    return ok && (res.status === ok.ENABLED || res.status === ok.ALREADY_ENABLED) ? dir : undefined;
  } catch {
    return undefined;
  }
}

module.exports = { codeCacheDir, enableCodeCache };
