// Bundles pvesim into one file, sim/dist/pvesim.js, with msw, node-forge and the rest inside:
// the installed package then needs no runtime dependencies.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const sim = fileURLToPath(new URL('..', import.meta.url));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  absWorkingDir: sim,
  entryPoints: { pvesim: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // some CommonJS dependencies call require() for node built-ins; an ESM bundle has none
  banner: {
    js:
      "import { createRequire as __pvesimCreateRequire } from 'node:module'; " +
      'const require = __pvesimCreateRequire(import.meta.url);',
  },
  sourcemap: false,
  legalComments: 'none',
  minify: process.env.PVECTL_NO_MINIFY !== '1',
  logLevel: 'warning',
});
