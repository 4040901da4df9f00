// What a new user does, from a copy of the working tree (CI: a fresh clone after `npm ci`): `npm pack`
// both packages (prepack builds them), `npm i -g` the two tarballs offline into an empty prefix with
// an empty HOME, then run the installed pvectl and pvesim. Offline proves that neither tarball has a
// runtime dependency to fetch. The copy keeps the prepack build away from the dist/ other tests run.
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/sim.js';

const tmp = mkdtempSync(join(tmpdir(), 'pvectl-pack-'));
const [clone, out, home, prefix] = ['clone', 'out', 'home', 'prefix'].map((d) => join(tmp, d)) as [
  string,
  string,
  string,
  string,
];
// nothing of the caller's npm configuration (npm test sets npm_config_*) and an empty HOME
const env = {
  PATH: [join(prefix, 'bin'), dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':'),
  HOME: home,
};

function run(cmd: string, args: string[], cwd = tmp): SpawnSyncReturns<string> {
  const res = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 60_000 });
  if (res.error) throw res.error;
  return res;
}

function npm(args: string[], cwd = tmp): unknown {
  const res = run('npm', [...args, '--json', '--no-audit', '--no-fund'], cwd);
  expect(res.status, `npm ${args.join(' ')}\n${res.stderr}`).toBe(0);
  return JSON.parse(res.stdout);
}

interface Packed {
  filename: string;
  files: { path: string }[];
}
const packed: Record<string, Packed> = {};
const added: Record<string, number> = {};

beforeAll(() => {
  for (const d of [clone, out, home, prefix]) mkdirSync(d, { recursive: true });
  // the working tree as git sees it (tracked and new files, nothing ignored: no dist/, no node_modules/)
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  for (const file of listed.stdout.split('\0').filter((f) => f && existsSync(join(repoRoot, f)))) {
    mkdirSync(dirname(join(clone, file)), { recursive: true });
    copyFileSync(join(repoRoot, file), join(clone, file));
  }
  symlinkSync(join(repoRoot, 'node_modules'), join(clone, 'node_modules'));

  for (const args of [['pack'], ['pack', '-w', 'pvesim']]) {
    const [result] = npm([...args, '--pack-destination', out], clone) as (Packed & { name: string })[];
    packed[result!.name] = result!;
  }
  for (const name of ['pvectl', 'pvesim']) {
    const result = npm(['install', '-g', '--offline', '--prefix', prefix, join(out, packed[name]!.filename)]);
    added[name] = (result as { added: number }).added;
  }
}, 120_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the tarballs, installed with npm i -g', () => {
  it('ship only the bundles, bin scripts, README and LICENSE', () => {
    const paths = (name: string) => packed[name]!.files.map((f) => f.path).sort();
    expect(paths('pvectl').filter((p) => !p.startsWith('dist/chunks/'))).toEqual([
      'LICENSE',
      'README.md',
      'bin/code-cache-file.js',
      'bin/code-cache.js',
      'bin/compile-cache.js',
      'bin/package.json',
      'bin/pvectl.js',
      'dist/help.cjs', // root help and the version (the parser alone)
      'dist/noun-of.cjs', // whether argv names a noun, asked before
      'dist/pvectl.cjs',
      'dist/pvectl.js',
      // all of undici, with its WebAssembly parser inside, for the console's WebSocket alone: API calls
      // go through node:https (scripts/build.mjs)
      // conf (and its ajv), for the commands that write config.json alone (scripts/build.mjs)
      'dist/vendor/conf.cjs',
      'dist/vendor/undici.cjs',
      'dist/vendor/yaml.cjs',
      'package.json',
    ]);
    expect(paths('pvectl').filter((p) => p.startsWith('dist/chunks/')).length).toBeGreaterThan(0);
    expect(paths('pvesim')).toEqual(['LICENSE', 'README.md', 'bin/pvesim.js', 'dist/pvesim.js', 'package.json']);
  });

  it('bring no dependencies: one package each', () => {
    expect(added).toEqual({ pvectl: 1, pvesim: 1 });
  });

  it('pvectl --version prints the package version', () => {
    const res = run('pvectl', ['--version']);
    expect(res.stderr).toBe('');
    expect(res.stdout.trim()).toBe(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version);
    const help = run('pvectl', ['--help']);
    expect([help.status, help.stderr]).toEqual([0, '']);
    expect(help.stdout).toContain('Usage: pvectl [options] [command]');
  });

  it('pvectl runs from a read-only install: its code cache goes to ~/.cache, nothing into the install', () => {
    const installed = join(prefix, 'lib/node_modules/pvectl');
    const files = () => readdirSync(installed, { recursive: true, encoding: 'utf8' }).sort();
    const before = files();
    const setMode = (add: boolean) => expect(run('chmod', ['-R', add ? 'u+w' : 'a-w', installed]).status).toBe(0);
    setMode(false);
    try {
      const first = run('pvectl', ['region', 'list', '-o', 'json']);
      expect([first.status, first.stderr, first.stdout]).toEqual([0, '', '[]\n']);
      // --version runs dist/help.cjs, uncached on every Node: it adds nothing to the cache
      expect(run('pvectl', ['--version']).status).toBe(0);
      const cacheDir = join(home, '.cache/pvectl/v8', `${process.version}-${process.arch}`);
      const entries = readdirSync(cacheDir).sort();
      // pvectl's one entry for the CommonJS bundle, and nothing of Node's own (its compile cache is off)
      expect(entries).toEqual([expect.stringMatching(/^pvectl-[0-9a-f]{16}-[0-9a-f]{8}-[0-9a-f]{16}\.bin$/)]);
      const second = run('pvectl', ['region', 'list', '-o', 'json']);
      expect([second.status, second.stderr, second.stdout]).toEqual([0, '', '[]\n']);
      expect(readdirSync(cacheDir).sort()).toEqual(entries);
    } finally {
      setMode(true);
    }
    expect(files()).toEqual(before);
  });

  it('pvesim --port 0 serves a cluster that the installed pvectl lists', async () => {
    const sim = spawn('pvesim', ['--port', '0'], { cwd: tmp, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => sim.once('exit', (code) => resolve(code)));
    // the hints on stderr end with the ready line; read up to there before pvectl blocks this process
    const ready = new Promise<void>((resolve, reject) => {
      sim.once('exit', (code) => reject(new Error(`pvesim exited with ${code}: ${stderr}`)));
      sim.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
        if (stderr.includes('cluster ready at')) resolve();
      });
    });
    try {
      const first = await new Promise<string>((resolve) =>
        createInterface({ input: sim.stdout }).once('line', resolve),
      );
      await ready;
      const { url, token, fingerprint } = JSON.parse(first) as Record<string, string>;
      const list = spawnSync('pvectl', ['vm', 'list', '-o', 'json'], {
        cwd: tmp,
        env: { ...env, PVECTL_URL: url, PVECTL_TOKEN: token, PVECTL_FINGERPRINT: fingerprint },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(list.status, list.stderr).toBe(0);
      const names = (JSON.parse(list.stdout) as { name: string }[]).map((g) => g.name);
      expect(names).toContain('web-1');
      // outside the repository there is no ../shared: the installed pvesim says how to get the schema
      expect(stderr).toContain('/usr/share/pve-docs/api-viewer/apidoc.js');
      expect(stderr).toContain('PVESIM_SCHEMA');
    } finally {
      sim.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
