// `--help` and `--version` load no network or config code (house style: fast start). The built
// binary runs under a module-load observer, preloaded with --import, that records every module
// Node loads: module.register hooks for the ESM entry, its chunks and built-ins; for commands, which
// run the CommonJS bundle through vm.Script (bin/code-cache.js), the file each vm.Script compiles
// and each built-in required. The bundle's files among them must not contain undici, conf, the
// transport, the client or the config store, each recognised by a string only it has.
// Control runs prove that the observer does see those modules when a command needs them. API calls
// go through node:https: undici (the console's WebSocket alone) is not even in the CommonJS bundle.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/sim.js';

/** What must not load for --help/--version, by a string found only in that code. */
const HEAVY: Record<string, string> = {
  undici: 'UND_ERR_HEADERS_TIMEOUT', // undici's own error codes
  'the transport (src/api/transport.ts)': '(the token would travel in clear)',
  'the API client (src/api/client.ts)': 'PVEAPIToken',
  conf: 'Please specify the', // conf's own option errors
  'the config store (src/config/store.ts, config-error.ts)': 'Refusing to write',
  'region resolution (src/config/resolve.ts)': 'PVECTL_TOKEN is set but',
};
const NETWORK_BUILTINS = ['node:tls', 'node:net', 'node:http', 'node:https', 'node:v8'];
const UNUSED_BUILTINS = ['node:http', 'node:http2', 'node:assert', 'node:fs/promises'];

let dir: string;
let hooks: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pvectl-modules-'));
  hooks = join(dir, 'hooks.mjs');
  // load() sees every module Node loads through the ESM loader (the bundle, its chunks, builtins)
  writeFileSync(
    hooks,
    [
      "import { appendFileSync } from 'node:fs';",
      'let out;',
      'export async function initialize(data) { out = data.out; }',
      'export async function load(url, context, nextLoad) { appendFileSync(out, url + "\\n"); return ' +
        'nextLoad(url, context); }',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'register.mjs'),
    [
      "import { appendFileSync } from 'node:fs';",
      "import Module, { isBuiltin, register } from 'node:module';",
      "import { pathToFileURL } from 'node:url';",
      "import vm from 'node:vm';",
      'const out = process.env.PVECTL_TEST_MODULES_OUT;',
      `register(${JSON.stringify(pathToFileURL(hooks).href)}, { data: { out } });`,
      // the CommonJS side: what vm.Script compiles, and built-ins required, logged as the hooks log them
      'vm.Script = class extends vm.Script {',
      '  constructor(code, options) {',
      "    if (options?.filename) appendFileSync(out, pathToFileURL(options.filename).href + '\\n');",
      '    super(code, options);',
      '  }',
      '};',
      // and each file required (root help's dist/help.cjs), as the URL it resolves to
      'const load = Module._load;',
      'Module._load = function (request, parent, ...rest) {',
      "  if (isBuiltin(request)) appendFileSync(out, 'node:' + request.replace(/^node:/, '') + '\\n');",
      "  else appendFileSync(out, pathToFileURL(Module._resolveFilename(request, parent)).href + '\\n');",
      '  return load.call(this, request, parent, ...rest);',
      '};',
      // process.stdin makes its stream (and loads fs streams and promises) when first read
      "const stdin = Object.getOwnPropertyDescriptor(process, 'stdin');",
      "Object.defineProperty(process, 'stdin', { ...stdin, get() { appendFileSync(out, 'process.stdin\\n'); " +
        'return stdin.get.call(process); } });',
    ].join('\n'),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the built binary under the observer; returns its exit status and the URLs it loaded. */
function observe(
  args: string[],
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string; loaded: string[] } {
  const out = join(dir, `loaded-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(out, '');
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PVECTL_')));
  const r = spawnSync(
    process.execPath,
    ['--import', pathToFileURL(join(dir, 'register.mjs')).href, join(repoRoot, 'bin/pvectl.js'), ...args],
    {
      cwd: repoRoot,
      env: {
        ...inherited,
        NO_COLOR: '1',
        PVECTL_CONFIG_DIR: join(dir, 'config'),
        PVECTL_TEST_MODULES_OUT: out,
        ...env,
      },
      encoding: 'utf8',
      timeout: 20_000,
    },
  );
  const loaded = readFileSync(out, 'utf8').split('\n').filter(Boolean);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, loaded };
}

const distFiles = (loaded: string[]) =>
  loaded.filter((u) => u.startsWith('file:') && u.includes('/dist/')).map((u) => fileURLToPath(u));
const heavyIn = (files: string[]) =>
  Object.entries(HEAVY)
    .filter(([, marker]) => files.some((f) => readFileSync(f, 'utf8').includes(marker)))
    .map(([what]) => what);

describe('start-up loads no network or config code', () => {
  it('each marker names code that is in the bundle, in a chunk of its own (not the entry)', () => {
    const chunks = readdirSync(join(repoRoot, 'dist/chunks')).map((f) => join(repoRoot, 'dist/chunks', f));
    expect(heavyIn(chunks)).toEqual(Object.keys(HEAVY));
    // the CommonJS bundle has all but undici and conf, files of their own that only the console and
    // the commands that write config.json load (every command reads and compiles the bundle whole)
    expect(heavyIn([join(repoRoot, 'dist/pvectl.cjs')])).toEqual(
      Object.keys(HEAVY).filter((k) => k !== 'undici' && k !== 'conf'),
    );
    expect(heavyIn([join(repoRoot, 'dist/vendor/undici.cjs')])).toEqual(['undici']);
    expect(heavyIn([join(repoRoot, 'dist/vendor/conf.cjs')])).toEqual(['conf']);
    expect(heavyIn([join(repoRoot, 'dist/pvectl.js')])).toEqual([]);
    expect(heavyIn([join(repoRoot, 'dist/help.cjs'), join(repoRoot, 'dist/noun-of.cjs')])).toEqual([]);
  });

  // root help and the version: the CommonJS help bundle alone (no ESM loader, no chunk); a noun's
  // help: the whole CommonJS bundle, whose modules run only when used, so what shows that no network
  // or config code ran is the built-ins required and the files of their own (undici, conf) not read.
  // Both first ask dist/noun-of.cjs whether argv names one.
  const rootHelp = [['--help'], ['--version'], ['-V'], ['help'], [], ['-o', 'json', '-h']];
  const nounHelp = [
    ['vm', '--help'],
    ['region', 'add', '--help'],
    ['help', 'ct'],
    ['-r', 'lab', 'task', '-h'],
  ];
  const helpAndVersion = [...rootHelp, ...nounHelp];
  it.each(helpAndVersion.map((args) => [args.join(' '), args] as const))('pvectl %s', (_name, args) => {
    const r = observe([...args]);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toBe('');
    const files = distFiles(r.loaded);
    const [nounOf, help, cjs] = ['noun-of.cjs', 'help.cjs', 'pvectl.cjs'].map((f) => join(repoRoot, 'dist', f));
    if (rootHelp.includes(args)) {
      expect(files).toEqual([nounOf, help]);
      expect(heavyIn(files)).toEqual([]);
    } else {
      expect(files).toEqual([nounOf, cjs]);
      expect(r.loaded).not.toContain('node:assert'); // conf's (undici's is a stub)
    }
    // nor node:tty (and node:net under it): only a command that may prompt asks about stdin
    if (rootHelp.includes(args)) expect(r.loaded).not.toContain('node:tty');
    expect(r.loaded.filter((u) => NETWORK_BUILTINS.includes(u))).toEqual([]);
  });

  it('control: a listing loads transport and client, not undici; region list the store; region remove conf', () => {
    // a closed port: the call fails at once, but only after the transport was loaded
    const list = observe(['node', 'list'], {
      PVECTL_URL: 'https://127.0.0.1:1',
      PVECTL_TOKEN: 'root@pam!pvectl=not-a-secret',
      PVECTL_FINGERPRINT: 'AB'.repeat(32),
    });
    expect(list.status).toBe(1);
    expect(heavyIn(distFiles(list.loaded))).toEqual(
      expect.arrayContaining(['the transport (src/api/transport.ts)', 'the API client (src/api/client.ts)']),
    );
    expect(list.loaded).toContain('node:https');
    // undici and the V8 flag its WebAssembly parser needs (console-agent.ts) stay with the console
    expect(distFiles(list.loaded)).not.toContain(join(repoRoot, 'dist/vendor/undici.cjs'));
    expect(list.loaded).not.toContain('node:v8');
    // a command runs the CommonJS bundle (with cached data), not the ESM entry
    expect(distFiles(list.loaded)).toEqual([join(repoRoot, 'dist/pvectl.cjs')]);
    // built-ins undici would load for features pvectl does not use (scripts/stubs), and fs/promises
    expect(list.loaded.filter((u) => UNUSED_BUILTINS.includes(u))).toEqual([]);
    // nor is stdin's stream made (~3 ms CPU) when the command reads no input
    expect(list.loaded).not.toContain('process.stdin');

    // the CommonJS bundle is one file, so what runs shows in the built-ins required: conf loads
    // node:assert (undici's is a stub). A command that only reads the regions reads config.json
    // without evaluating conf (and its ajv); one that writes them goes through conf.
    const regions = observe(['region', 'list']);
    expect(regions.status).toBe(0);
    expect(heavyIn(distFiles(regions.loaded))).toEqual(
      expect.arrayContaining(['the config store (src/config/store.ts, config-error.ts)']),
    );
    expect(regions.loaded).not.toContain('node:assert');
    const remove = observe(['region', 'remove', 'nosuch']);
    expect(remove.status).toBe(3);
    expect(heavyIn(distFiles(remove.loaded))).toEqual(
      expect.arrayContaining(['conf', 'the config store (src/config/store.ts, config-error.ts)']),
    );
    expect(remove.loaded).toContain('node:assert');
  });

  it('control: a -h after `--` belongs to the guest command: the verb runs, no help is printed', () => {
    // a closed port: the verb fails with a network error (exit 1) after loading the transport
    const exec = observe(['vm', 'exec', '100', '--', 'df', '-h'], {
      PVECTL_URL: 'https://127.0.0.1:1',
      PVECTL_TOKEN: 'root@pam!pvectl=not-a-secret',
      PVECTL_FINGERPRINT: 'AB'.repeat(32),
    });
    expect(exec.status).toBe(1);
    expect(exec.stdout).not.toContain('Usage:');
    expect(exec.loaded).toContain('node:https');
  });

  it('PVECTL_NO_CODE_CACHE=1: root help from the ESM entry, as every command then', () => {
    const r = observe(['--help'], { PVECTL_NO_CODE_CACHE: '1' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: pvectl');
    expect(distFiles(r.loaded)).toEqual(expect.arrayContaining([join(repoRoot, 'dist/pvectl.js')]));
    expect(distFiles(r.loaded)).not.toContain(join(repoRoot, 'dist/help.cjs'));
  });

  it('control: a command that must confirm still knows that stdin is not a terminal', () => {
    // stdin is a pipe here: without --yes, delete refuses before it resolves a region (exit 2)
    const del = observe(['vm', 'delete', '100']);
    expect(del.status).toBe(2);
    expect(del.stderr).toContain('delete needs confirmation');
    expect(del.loaded).not.toContain('process.stdin');
  });

  it('control: a command that reads stdin (a token secret) does make its stream', () => {
    const args = ['region', 'add', 'x', '--url', 'https://127.0.0.1:1', '--token-id', 'root@pam!pvectl'];
    // pinned, so trust needs no connection before the secret is read; then the check fails
    const add = observe([...args, '--fingerprint', 'AB'.repeat(32), '--token-secret-stdin']);
    expect(add.status).not.toBe(0);
    expect(add.loaded).toContain('process.stdin');
  });
});
