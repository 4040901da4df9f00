// V8 code cache for the bundle (issue 13): where the running Node has module.enableCompileCache
// (22.1+), the bundle's compiled code is kept in the user's cache directory and reused by the next
// run. Node checks each entry against the file's contents and its own V8 version and flags: an
// entry for a changed bundle or another Node is ignored and rewritten, never trusted. The install
// directory is never written (it may be read-only, or shared by several users); a directory that
// cannot be written only means no cache. Node 20 has no such API (and its ESM loader takes no
// cached data), so there this does nothing.
import module from 'node:module';
import { join } from 'node:path';

/** $XDG_CACHE_HOME/pvectl/v8, else ~/.cache/pvectl/v8, one subdirectory per Node version and arch. */
export function codeCacheDir(env = process.env, version = process.version, arch = process.arch) {
  const base = env.XDG_CACHE_HOME ? join(env.XDG_CACHE_HOME, 'pvectl') : env.HOME && join(env.HOME, '.cache', 'pvectl');
  return base ? join(base, 'v8', `${version}-${arch}`) : undefined;
}

/** Turns the cache on before the bundle loads; returns the directory used, or undefined. */
export function enableCodeCache(env = process.env, mod = module) {
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
