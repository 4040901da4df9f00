// Runs once before the suite: says plainly whether requests are checked against the official schema,
// and gives the run a cache directory of its own, so that pvectl processes spawned by the tests
// (their guest hints, their V8 code cache) never write to the user's ~/.cache.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export default function setup(): () => void {
  const file = process.env.PVESIM_SCHEMA ?? resolve(process.cwd(), '../shared/pve-api/apidoc.json');
  if (!existsSync(file)) {
    process.stderr.write(`\n!! ${file} is absent: schema conformance is NOT checked in this run.\n\n`);
  }
  const cache = mkdtempSync(join(tmpdir(), 'pvectl-test-cache-'));
  process.env.XDG_CACHE_HOME = cache; // the workers, and the processes they spawn, inherit it
  return () => rmSync(cache, { recursive: true, force: true });
}
