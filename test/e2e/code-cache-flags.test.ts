// A command that changes a V8 flag while it runs (vm list's interrupt budget, the console's
// --liftoff-only: src/lib/v8-flags.ts) still leaves a code cache that V8 takes at the next start.
// Data made after the change would carry another flag hash and be refused at every start, so the
// launcher writes it just before the change (bin/pvectl.js, bin/code-cache.js). Built CLI over
// real HTTPS against pvesim; needs `npm run build`.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli, startSim, type SimServer } from '../helpers/sim.js';

let sim: SimServer;
let cache: string;
beforeAll(async () => {
  sim = await startSim({ guests: 20 });
  cache = mkdtempSync(join(tmpdir(), 'pvectl-cache-flags-'));
});
afterAll(async () => {
  await sim.close();
  rmSync(cache, { recursive: true, force: true });
});

const entries = () => {
  const dir = join(cache, 'pvectl/v8', `${process.version}-${process.arch}`);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.bin'))
    .map((f) => join(dir, f));
};

it('vm list, which raises the interrupt budget, writes the cache first; the next run takes it as is', async () => {
  const opts = { sim, env: { XDG_CACHE_HOME: cache } };
  const first = await runCli(['vm', 'list', '-o', 'id'], opts);
  expect([first.code, first.stderr]).toEqual([0, '']);
  const [entry, ...more] = entries();
  expect(more).toEqual([]);
  const written = statSync(entry!);
  // a second run under plain flags: V8 accepts the data, so nothing is rewritten (a refused entry
  // would be replaced by a new file: another inode and mtime)
  const second = await runCli(['vm', 'list', '-o', 'id'], opts);
  expect([second.code, second.stdout]).toEqual([0, first.stdout]);
  const again = statSync(entry!);
  expect([again.ino, again.mtimeMs]).toEqual([written.ino, written.mtimeMs]);
});
