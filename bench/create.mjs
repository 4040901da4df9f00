// Create (issue 4): time from `pvectl vm create` / `ct create` to the printed IP against pvesim,
// minus the simulator's own task time (tasks waited on × --task-ms), i.e. pvectl's overhead:
// process start, requests, polling granularity. Guest-agent IPs appear at once (--agent-delay-ms 0)
// so that waiting for the IP measures only how fast pvectl notices it.
// Run: npm run build && node bench/create.mjs [--task-ms 1000] [--runs 5]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PVECTL, median, startSim, timeOnce } from './lib.mjs';

const { values } = parseArgs({ options: { 'task-ms': { type: 'string', default: '1000' }, runs: { type: 'string', default: '5' } } });
const TASK_MS = Number(values['task-ms']);
const RUNS = Number(values.runs);

function control(sim, method, path) {
  return new Promise((resolve, reject) => {
    const req = request(`${sim.url}${path}`, { method, rejectUnauthorized: false, agent: false }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve(JSON.parse(data).data));
    });
    req.on('error', reject);
    req.end();
  });
}

function home() {
  const dir = mkdtempSync(join(tmpdir(), 'pvectl-bench-home-'));
  mkdirSync(join(dir, '.ssh'));
  writeFileSync(join(dir, '.ssh/id_ed25519.pub'), 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx8fYpQ bench@host\n');
  return dir;
}

/** One create: wall ms, tasks waited on (distinct UPIDs polled), requests sent, the IP printed. */
async function createOnce(sim, env, args) {
  await control(sim, 'POST', '/_sim/requests/clear');
  const t0 = process.hrtime.bigint();
  const res = spawnSync(process.execPath, [PVECTL, ...args, '-o', 'json'], { env, encoding: 'utf8' });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (res.status !== 0) throw new Error(`pvectl ${args.join(' ')} exited ${res.status}: ${res.stderr}`);
  const out = JSON.parse(res.stdout);
  if (!out.ips?.length) throw new Error(`no IP printed: ${res.stdout}`);
  const log = await control(sim, 'GET', '/_sim/requests');
  const upids = new Set(log.map((e) => /\/tasks\/([^/]+)\/status$/.exec(e.path)?.[1]).filter(Boolean));
  return {
    wallMs,
    tasks: upids.size,
    overheadMs: wallMs - upids.size * TASK_MS,
    requests: log.length,
    writes: log.filter((e) => e.method !== 'GET').length,
    violations: log.filter((e) => e.violation).length,
  };
}

const SCENARIOS = [
  ['vm: clone template 9000 (debian-12)', (i) => ['vm', 'create', `bench-c${i}`, '--os', 'debian-12', '--node', 'pve1']],
  ['vm: cloud image already downloaded (ubuntu-24.04)', (i) => ['vm', 'create', `bench-i${i}`, '--os', 'ubuntu-24.04', '--node', 'pve2']],
  ['vm: clone with --ip auto (region pool)', (i) => ['vm', 'create', `bench-a${i}`, '--os', 'debian-12', '--node', 'pve1', '--ip', 'auto'], 'pool'],
  ['ct: local template (debian-12)', (i) => ['ct', 'create', `bench-t${i}`, '--os', 'debian-12', '--node', 'pve1']],
];

async function main() {
  const sim = await startSim(['--task-ms', String(TASK_MS), '--agent-delay-ms', '0']);
  const HOME = home();
  const env = { ...sim.env, HOME, PVECTL_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'pvectl-bench-cfg-')) };
  // --ip auto needs a region with a pool: a config file region instead of PVECTL_URL/TOKEN
  const poolDir = mkdtempSync(join(tmpdir(), 'pvectl-bench-pool-'));
  const eq = sim.token.indexOf('=');
  writeFileSync(join(poolDir, 'config.json'), JSON.stringify({
    currentRegion: 'lab',
    regions: { lab: { url: sim.url, tokenId: sim.token.slice(0, eq), tokenSecret: sim.token.slice(eq + 1), fingerprint: sim.fingerprint,
      ipPool: { cidr: '10.40.0.0/16', gateway: '10.40.0.1' } } },
  }));
  const poolEnv = { ...process.env, HOME, NO_COLOR: '1', PVECTL_CONFIG_DIR: poolDir };
  try {
    const startMs = median(Array.from({ length: 5 }, () => timeOnce([PVECTL, '--version'], env)));
    // the first image create downloads it: timed once, on its own
    const first = await createOnce(sim, env, ['vm', 'create', 'bench-dl', '--os', 'ubuntu-24.04', '--node', 'pve2']);
    const results = [['vm: cloud image, first time (download + import)', [first]]];
    for (const [name, args, kind] of SCENARIOS) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await createOnce(sim, kind === 'pool' ? poolEnv : env, args(i)));
      results.push([name, runs]);
    }
    console.log(`pvesim --task-ms ${TASK_MS} --agent-delay-ms 0; ${RUNS} runs per row (medians); node ${process.version}`);
    console.log(`process start (pvectl --version): ${startMs.toFixed(0)} ms\n`);
    console.log('| scenario | tasks | wall ms | overhead ms (wall − tasks × task-ms) | requests (writes) |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const [name, runs] of results) {
      const m = (k) => median(runs.map((r) => r[k]));
      console.log(`| ${name} | ${m('tasks')} | ${m('wallMs').toFixed(0)} | ${m('overheadMs').toFixed(0)} | ${m('requests')} (${m('writes')}) |`);
      if (runs.some((r) => r.violations)) console.log(`  !! schema violations in ${name}`);
    }
  } finally {
    await sim.stop();
  }
}

await main();
