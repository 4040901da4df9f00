// The simulator's schema checks, in-process (moved here from the test suite's timing assertions):
// loading apidoc.json, validating 10,000 requests (a qemu create, a status read) and the atomic-
// group emulation on a long input that would backtrack exponentially without it. Medians of several
// runs. The sources are bundled with esbuild first, as `npm run build` does for pvesim.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { median, root } from './lib.mjs';

const RUNS = 7;
const QEMU = '/nodes/pve1/qemu';

async function loadModules() {
  const dir = mkdtempSync(join(tmpdir(), 'pvectl-bench-schema-'));
  try {
    const outfile = join(dir, 'schema.mjs');
    await build({
      stdin: {
        contents:
          "export * from './sim/src/schema/index.ts';\n" +
          "export { pvePattern } from './sim/src/schema/perl-regex.ts';\n",
        resolveDir: root,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile,
      logLevel: 'error',
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const time = (fn) => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};
const ms = (x) => Math.round(x * 10) / 10;

export async function benchSchema() {
  const { findSchemaFile, loadSchema, pvePattern } = await loadModules();
  const file = findSchemaFile();
  if (!file) return { skipped: 'apidoc.json not found' };
  let schema;
  const load = [];
  for (let i = 0; i < RUNS; i++) load.push(time(() => (schema = loadSchema(file))));
  const create = [];
  const status = [];
  for (let r = 0; r < RUNS; r++) {
    create.push(
      time(() => {
        for (let i = 0; i < 10_000; i++) {
          const params = { vmid: String(100 + i), name: `vm-${i}`, memory: '2048', net0: 'virtio,bridge=vmbr0' };
          schema.validateRequest('POST', QEMU, { ...params, scsi0: 'local-lvm:32', tags: 'a;b' });
        }
      }),
    );
    status.push(
      time(() => {
        for (let i = 0; i < 10_000; i++) schema.validateRequest('GET', `${QEMU}/${100 + i}/status/current`, {});
      }),
    );
  }
  const flags = pvePattern('(?^:^((?>[+-]?[\\w\\-\\._=]+,?)+)$)');
  const atomic = [];
  for (let r = 0; r < RUNS; r++) {
    atomic.push(
      time(() => {
        if (flags.test(`${'a'.repeat(5000)}!`)) throw new Error('the atomic group matched a string it must refuse');
      }),
    );
  }
  return {
    loadSchemaMs: ms(median(load)),
    validate10kQemuCreateMs: ms(median(create)),
    validate10kStatusCurrentMs: ms(median(status)),
    atomicGroup5000CharsMs: ms(median(atomic)),
    goals: {
      loadSchemaMs: 300,
      validate10kQemuCreateMs: 2000,
      validate10kStatusCurrentMs: 1000,
      atomicGroup5000CharsMs: 200,
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchSchema(), null, 2));
}
