// Bundles pvectl with esbuild into dist/ (pvesim has its own: sim/scripts/build.mjs), twice from the
// same src/main.ts. dist/pvectl.js is ESM, split so that --help and --version evaluate only the small
// entry chunk (command code is loaded with import() when used). dist/pvectl.cjs is one CommonJS file
// for every other command: bin/code-cache.js compiles it with V8 cached data, which Node 20 offers
// for scripts only. Everything is bundled, so the package has no runtime dependencies.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

// undici (and some CommonJS dependencies) call require() for node built-ins; an ESM
// bundle has no require unless we create one.
const banner = {
  js:
    "import { createRequire as __pvectlCreateRequire } from 'node:module'; const require = " +
    '__pvectlCreateRequire(import.meta.url);',
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  banner,
  sourcemap: false,
  legalComments: 'none',
  minify: process.env.PVECTL_NO_MINIFY !== '1',
  logLevel: 'warning',
};

/** commander's import of node:child_process is replaced by a stub (see scripts/stubs). */
const noChildProcessForCommander = {
  name: 'no-child-process-for-commander',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes(`${'node_modules'}/commander/`)
        ? { path: new URL('./stubs/child-process.cjs', import.meta.url).pathname }
        : undefined,
    );
  },
};

await Promise.all([
  build({
    ...common,
    plugins: [noChildProcessForCommander],
    entryPoints: { pvectl: 'src/main.ts' },
    outdir: 'dist',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  }),
  build({
    ...common,
    format: 'cjs',
    // no createRequire banner: a script has require (esbuild makes it strict, as ESM is)
    banner: {},
    // import() becomes require(): a vm.Script has no module loader to import with
    supported: { 'dynamic-import': false },
    plugins: [noChildProcessForCommander],
    entryPoints: ['src/main.ts'],
    outfile: 'dist/pvectl.cjs',
  }),
]);
