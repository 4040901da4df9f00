// Where config.json lives and what pvectl insists on about it, since it holds token secrets:
// its directory is created 0700 whatever the umask; a file others can read is reported and set
// back to 0600; a symbolic link is written through to its target, never replaced by a file.
import { chmodSync, lstatSync, mkdirSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { join, resolve } from 'node:path';
import { PvectlError } from '../errors.js';

type Env = Record<string, string | undefined>;

/** $PVECTL_CONFIG_DIR, else the platform's config directory (the one conf/env-paths chose before). */
export function configDir(env: Env): string {
  if (env.PVECTL_CONFIG_DIR) return resolve(env.PVECTL_CONFIG_DIR);
  const home = homedir();
  switch (platform()) {
    case 'darwin':
      return join(home, 'Library', 'Preferences', 'pvectl');
    case 'win32':
      return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'pvectl', 'Config');
    default:
      return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'pvectl');
  }
}

/** Creates the directory 0700: mkdir's mode is masked by the umask, so it is set again after. */
export function ensureConfigDir(dir: string): void {
  const created = mkdirSync(dir, { recursive: true, mode: 0o700 });
  // an existing directory is the user's choice (PVECTL_CONFIG_DIR may be shared): left alone
  if (created !== undefined) chmodSync(dir, 0o700);
}

/** A config file that group or others may read is set back to 0600, with a warning either way. */
export function tightenMode(file: string, warn: (message: string) => void): void {
  if (platform() === 'win32') return; // no POSIX modes there
  let mode: number;
  try {
    mode = statSync(file).mode & 0o777; // through a symlink: the target holds the secrets
  } catch {
    return; // not written yet
  }
  if ((mode & 0o077) === 0) return;
  const was = mode.toString(8).padStart(4, '0');
  try {
    chmodSync(file, 0o600);
    warn(`Config file ${file} had mode ${was}, so others could read its token secrets; it is now 0600.`);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    warn(
      `Config file ${file} has mode ${was}: others can read its token secrets, and pvectl could not ` +
        `change that (${code}). Run: chmod 600 ${file}`,
    );
  }
}

/** The lock sits by the file actually written, so two links to one file share one lock. */
export function lockPathOf(file: string): string {
  try {
    return `${realpathSync(file)}.lock`;
  } catch {
    return `${file}.lock`; // not created yet
  }
}

/** A link whose target cannot be resolved would be replaced by a plain file on write: refuse. */
export function refuseDanglingLink(file: string): void {
  try {
    if (!lstatSync(file).isSymbolicLink()) return;
  } catch {
    return; // no file yet: it is created
  }
  try {
    realpathSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new PvectlError(
      `Config file ${file} is a symbolic link to ${readlinkSync(file)}, which cannot be resolved (${code}); ` +
        'refusing to replace the link with a file. Nothing was changed.',
      { hint: `Create the link's target, or remove the link (rm ${file}) to let pvectl write a file there.` },
    );
  }
}
