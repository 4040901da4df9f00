// Transport cost (issue 3): what an API command pays before and around its one request. In one run,
// interleaved, medians: a bare `node -e 0`, `pvectl --version` (no network code), `api get /version`
// (one tiny call: the fixed cost of the HTTPS transport), `vm list` and `vm list -o json` of 5,000
// guests; peak RSS of the listings; and what pvesim itself takes to answer /cluster/resources to a
// warm keep-alive client (its share of the listing time, not pvectl's).
//
// To compare two builds in the same run, copy an earlier build aside and name it with --baseline:
//   mkdir -p /tmp/before/bin && cp -r dist package.json /tmp/before/ && cp bin/pvectl.js /tmp/before/bin/
//   (change, npm run build) && node bench/transport.mjs --baseline /tmp/before [--runs 15]
// Where the time goes: node bench/transport.mjs --profile [--runs 10] [-- vm list -o json] bundles an
// unminified copy (so that names and source files show), CPU-profiles the command against the same
// simulator and sums self time per source file and per function, averaged over the runs.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request, Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PVECTL, compare, median, peakRssMiB, root, startSim } from './lib.mjs';

const GUESTS = 5000;

/** Median ms for the simulator to answer GET path to a client whose connection is already open. */
async function simServeMs(sim, path, runs) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1, rejectUnauthorized: false });
  const once = () =>
    new Promise((resolve, reject) => {
      const t0 = process.hrtime.bigint();
      const req = request(
        `${sim.url}/api2/json${path}`,
        { agent, headers: { Authorization: `PVEAPIToken=${sim.token}` } },
        (res) => {
          let bytes = 0;
          let firstByteMs;
          res.on('data', (c) => {
            firstByteMs ??= Number(process.hrtime.bigint() - t0) / 1e6;
            bytes += c.length;
          });
          res.on('end', () => {
            if (res.statusCode !== 200) return reject(new Error(`${path}: HTTP ${res.statusCode}`));
            resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, firstByteMs, bytes });
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
  try {
    await once(); // connect and warm up
    const samples = [];
    for (let i = 0; i < runs; i++) samples.push(await once());
    return {
      ms: +median(samples.map((s) => s.ms)).toFixed(1),
      firstByteMs: +median(samples.map((s) => s.firstByteMs)).toFixed(1),
      bytes: samples[0].bytes,
    };
  } finally {
    agent.destroy();
  }
}

export async function benchTransport({ runs = 15, baseline } = {}) {
  const sim = await startSim(['--guests', String(GUESTS)]);
  try {
    const builds = { '': PVECTL, ...(baseline ? { 'before ': join(baseline, 'bin/pvectl.js') } : {}) };
    const commands = { 'bare node': ['-e', '0'] };
    for (const [label, bin] of Object.entries(builds)) {
      commands[`${label}--version`] = [bin, '--version'];
      commands[`${label}api get /version`] = [bin, 'api', 'get', '/version'];
      commands[`${label}vm list`] = [bin, 'vm', 'list'];
      commands[`${label}vm list -o json`] = [bin, 'vm', 'list', '-o', 'json'];
    }
    const t = compare(commands, runs, sim.env);
    const bare = t['bare node'];
    const timings = Object.fromEntries(
      Object.entries(t).map(([k, ms]) => [k, { ms: +ms.toFixed(1), ratio: +(ms / bare).toFixed(2) }]),
    );
    const peakMiB = { 'bare node': +peakRssMiB(['-e', '0']).toFixed(1) };
    for (const [label, bin] of Object.entries(builds)) {
      peakMiB[`${label}vm list`] = +peakRssMiB([bin, 'vm', 'list'], sim.env).toFixed(1);
      peakMiB[`${label}vm list -o json`] = +peakRssMiB([bin, 'vm', 'list', '-o', 'json'], sim.env).toFixed(1);
    }
    return {
      guests: GUESTS,
      runs,
      timings,
      peakMiB,
      simulator: {
        'GET /cluster/resources?type=vm': await simServeMs(sim, '/cluster/resources?type=vm', runs),
        'GET /version': await simServeMs(sim, '/version', runs),
      },
      goal: 'start-up ratio <= 1.3; vm list ratio <= 2 and peak <= 100 MiB',
    };
  } finally {
    await sim.stop();
  }
}

/** An unminified build of pvectl in a temporary directory: its bundles name their source files. */
async function readableBuild() {
  const dir = mkdtempSync(join(tmpdir(), 'pvectl-profile-'));
  cpSync(join(root, 'bin'), join(dir, 'bin'), { recursive: true });
  copyFileSync(join(root, 'package.json'), join(dir, 'package.json'));
  const res = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], {
    cwd: root,
    env: { ...process.env, PVECTL_NO_MINIFY: '1', PVECTL_DIST: join(dir, 'dist') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (res.status !== 0) throw new Error('the readable build failed');
  return dir;
}

/** Maps a bundled file's line to the source file esbuild's `// path` comment names above it. */
function sourceOf(url, line, cache) {
  if (!url.startsWith('file://')) return null;
  let marks = cache.get(url);
  if (!marks) {
    marks = [];
    readFileSync(new URL(url), 'utf8')
      .split('\n')
      .forEach((text, i) => {
        const m = /^\/\/ (?:\S*\/)?((?:src|node_modules)\/\S+)$/.exec(text);
        if (m) marks.push([i, m[1]]);
      });
    cache.set(url, marks);
  }
  let found = url.replace(/^.*\//, '');
  for (const [at, path] of marks)
    if (at <= line) found = path;
    else break;
  return found;
}

function where(frame, cache) {
  const { url, functionName: fn, lineNumber } = frame;
  if (!url) return fn === '(idle)' ? '(idle: waiting for I/O)' : fn.startsWith('(') ? fn : '(native)';
  if (/^node:internal\/(modules|bootstrap)\//.test(url)) return 'node: module loading';
  if (url.startsWith('node:')) return `node: ${url.replace(/^node:(internal\/)?/, '')}`;
  return sourceOf(url, lineNumber, cache) ?? url;
}

async function profile({ runs, args }) {
  // built first: a failed build leaves no simulator running
  const dir = await readableBuild();
  const sim = await startSim(['--guests', String(GUESTS)]);
  try {
    const bySource = new Map();
    const byFunction = new Map();
    const cache = new Map();
    let total = 0;
    // once unprofiled: the code cache is written by a first run, read by the others
    spawnSync(process.execPath, [join(dir, 'bin/pvectl.js'), ...args], { env: sim.env, stdio: 'ignore' });
    for (let i = 0; i < runs; i++) {
      const out = join(dir, `prof-${i}`);
      const res = spawnSync(
        process.execPath,
        ['--cpu-prof', '--cpu-prof-interval', '200', '--cpu-prof-dir', out, join(dir, 'bin/pvectl.js'), ...args],
        {
          env: sim.env,
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      if (res.status !== 0) throw new Error(`${args.join(' ')} exited ${res.status}: ${res.stderr}`);
      const prof = JSON.parse(readFileSync(join(out, readdirSync(out)[0]), 'utf8'));
      const self = new Map();
      prof.samples.forEach((id, k) => self.set(id, (self.get(id) ?? 0) + prof.timeDeltas[k] / 1000));
      for (const node of prof.nodes) {
        const ms = (self.get(node.id) ?? 0) / runs;
        if (!ms) continue;
        total += ms;
        const source = where(node.callFrame, cache);
        bySource.set(source, (bySource.get(source) ?? 0) + ms);
        const fn = `${node.callFrame.functionName || '(anonymous)'}  ${source}`;
        byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
      }
    }
    const top = (m, n) =>
      Object.fromEntries(
        [...m]
          .sort((a, b) => b[1] - a[1])
          .slice(0, n)
          .map(([k, v]) => [k, +v.toFixed(1)]),
      );
    return {
      command: `pvectl ${args.join(' ')}`,
      runs,
      profiledMs: +total.toFixed(1),
      selfMsBySource: top(bySource, Number(process.env.TOP ?? 25)),
      selfMsByFunction: top(byFunction, Number(process.env.TOP ?? 25)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sim.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { runs: { type: 'string' }, baseline: { type: 'string' }, profile: { type: 'boolean' } },
  });
  const result = values.profile
    ? await profile({ runs: Number(values.runs ?? 10), args: positionals.length ? positionals : ['vm', 'list'] })
    : await benchTransport({ runs: Number(values.runs ?? 15), baseline: values.baseline });
  console.log(JSON.stringify(result, null, 2));
}
