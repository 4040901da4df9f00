// Locating apidoc.json: $PVESIM_SCHEMA when set, else `../shared/pve-api/apidoc.json` or
// `shared/pve-api/apidoc.json` searched upward from the working directory and from this
// module's own directory (which, once bundled, is sim/dist/ of the checkout).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const CANDIDATES = [join('..', 'shared', 'pve-api', 'apidoc.json'), join('shared', 'pve-api', 'apidoc.json')];

function moduleDir(): string | null {
  try {
    return dirname(fileURLToPath(import.meta.url));
  } catch {
    return null; // not loaded from a file: URL
  }
}

function searchUp(start: string): string | null {
  let dir = resolve(start);
  for (;;) {
    for (const rel of CANDIDATES) {
      const file = join(dir, rel);
      if (existsSync(file)) return resolve(file);
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * Path of the official schema, or null. An explicitly set $PVESIM_SCHEMA is authoritative:
 * when it names a missing file (or is empty) the answer is null, never a fallback.
 */
export function findSchemaFile(): string | null {
  const env = process.env.PVESIM_SCHEMA;
  if (env !== undefined) return env !== '' && existsSync(env) ? resolve(env) : null;
  for (const start of [process.cwd(), moduleDir()]) {
    const found = start ? searchUp(start) : null;
    if (found) return found;
  }
  return null;
}
