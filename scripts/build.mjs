// Bundles pvectl with esbuild into dist/ (pvesim has its own: sim/scripts/build.mjs), twice from the
// same src/main.ts. dist/pvectl.js is ESM, split so that --help and --version evaluate only the small
// entry chunk (command code is loaded with import() when used). dist/pvectl.cjs is one CommonJS file
// for every other command: bin/code-cache.js compiles it with V8 cached data, which Node 20 offers
// for scripts only. Everything is bundled, so the package has no runtime dependencies.
import { build } from 'esbuild';
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// PVECTL_DIST: another output directory (bench/transport.mjs --profile builds a readable copy there)
const dist = process.env.PVECTL_DIST ?? fileURLToPath(new URL('../dist', import.meta.url));
rmSync(dist, { recursive: true, force: true });

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

const stub = (name) => ({ path: new URL(`./stubs/${name}`, import.meta.url).pathname });
const from = (args, pkg) => args.importer.includes(`${'node_modules'}/${pkg}/`);

/** Built-in modules that a dependency loads for features pvectl does not use (see scripts/stubs). */
const unusedBuiltins = {
  name: 'unused-builtins',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      from(args, 'commander') ? stub('child-process.cjs') : undefined,
    );
    b.onResolve({ filter: /^(node:)?http$/ }, (args) =>
      from(args, 'undici') ? stub('http-for-undici.cjs') : undefined,
    );
    b.onResolve({ filter: /^(node:)?assert$/ }, (args) =>
      from(args, 'undici') ? stub('assert-for-undici.cjs') : undefined,
    );
    b.onResolve({ filter: /^(node:)?http2$/ }, (args) => (from(args, 'undici') ? stub('no-http2.cjs') : undefined));
  },
};

/**
 * In the CommonJS bundle, what few commands use stays in files of its own under dist/vendor/,
 * required when used: every command reads and compiles the bundle whole, so its size is start-up
 * time. yaml (`-o yaml`, `vm create`'s seed) and undici (`import('undici')`, whole: the console's
 * WebSocket, the only use of undici; API calls go through node:https). undici's HTTP parser, as
 * WebAssembly, stays inside dist/vendor/undici.cjs: only the console compiles it. conf (with ajv,
 * semver and the rest: 36 % of the bundle): only commands that write config.json load it.
 */
const VENDORED = {
  'vendor/yaml': 'yaml',
  'vendor/undici': 'undici',
  'vendor/conf': fileURLToPath(new URL('./stubs/conf-vendor.cjs', import.meta.url)),
};
const vendored = {
  name: 'vendored',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: './vendor/yaml.cjs', external: true }));
    b.onResolve({ filter: /^(undici|conf)$/ }, (args) =>
      args.kind === 'dynamic-import' || args.kind === 'require-call'
        ? { path: `./vendor/${args.path}.cjs`, external: true }
        : undefined,
    );
  },
};

/**
 * dist/help.cjs (src/main.ts again): root help and the version without Node's ESM loader, which cost
 * about what the parser costs. A plain CommonJS module that bin/pvectl.js requires when argv names
 * no noun (dist/noun-of.cjs, a few lines, says so): at 46 KB it compiles in ~1.5 ms, less than
 * loading and checking cached data would cost. Every import() in it (a noun's verbs, verb code,
 * run-verb) is a stub that throws: with no noun, no verb is built or run.
 */
const notInHelp = {
  name: 'not-in-help',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => (args.kind === 'dynamic-import' ? stub('not-in-help.cjs') : undefined));
  },
};

await Promise.all([
  build({
    ...common,
    format: 'cjs',
    banner: {},
    supported: { 'dynamic-import': false },
    plugins: [unusedBuiltins, notInHelp],
    entryPoints: { help: 'src/main.ts', 'noun-of': 'src/noun-of.ts' },
    outdir: dist,
    outExtension: { '.js': '.cjs' },
  }),
  build({
    ...common,
    plugins: [unusedBuiltins],
    entryPoints: { pvectl: 'src/main.ts' },
    outdir: dist,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  }),
  build({
    ...common,
    format: 'cjs',
    // Node's CommonJS wrapper, written into the file: bin/code-cache.js compiles the file's text as
    // it is, with no 700 KB string built around it at each start. esbuild makes the body strict.
    banner: { js: '(function (exports, require, module, __filename, __dirname) {' },
    footer: { js: '})' },
    // import() becomes require(): a vm.Script has no module loader to import with
    supported: { 'dynamic-import': false },
    plugins: [unusedBuiltins, vendored],
    entryPoints: ['src/main.ts'],
    outfile: `${dist}/pvectl.cjs`,
  }),
  build({ ...common, format: 'cjs', banner: {}, entryPoints: VENDORED, outdir: dist, outExtension: { '.js': '.cjs' } }),
]);

// the build's name for bin/code-cache.js: its cache entries are per build (and checked per file)
const cjs = `${dist}/pvectl.cjs`;
// bin/code-cache.js reads it as latin1 when it is ASCII (esbuild's default charset; the comments of
// an unminified build may not be), else decodes UTF-8, slower
if (common.minify && !isAscii(readFileSync(cjs))) throw new Error(`${cjs} is not ASCII`);
appendFileSync(cjs, `//# pvectl-build=${createHash('sha256').update(readFileSync(cjs)).digest('hex').slice(0, 16)}\n`);
