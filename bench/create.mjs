// Create (issue 4): time from `pvectl vm create` / `ct create` to the printed IP against pvesim,
// minus the simulator's own task time (tasks waited on × --task-ms), i.e. pvectl's overhead:
// process start, requests, polling granularity. Guest-agent IPs appear at once (--agent-delay-ms 0)
// so that waiting for the IP measures only how fast pvectl notices it. A cloud image goes through
// pvectl's NoCloud seed (built, uploaded, attached: issue 10); a template clone keeps Proxmox's
// cloud-init drive unless --user-data is given, which the last VM scenario measures.
// Run: npm run build && node bench/create.mjs [--task-ms 1000] [--runs 5]   (or: npm run bench create)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PVECTL, median, startSim, timeOnce } from './lib.mjs';

function home() {
  const dir = mkdtempSync(join(tmpdir(), 'pvectl-bench-home-'));
  mkdirSync(join(dir, '.ssh'));
  writeFileSync(join(dir, '.ssh/id_ed25519.pub'), 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx8fYpQ bench@host\n');
  return dir;
}

/** One create: wall ms, tasks waited on (distinct UPIDs polled), requests sent, the IP printed. */
async function createOnce(sim, env, args, taskMs) {
  await sim.control('POST', '/_sim/requests/clear');
  const t0 = process.hrtime.bigint();
  const res = spawnSync(process.execPath, [PVECTL, ...args, '-o', 'json'], { env, encoding: 'utf8' });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (res.status !== 0) throw new Error(`pvectl ${args.join(' ')} exited ${res.status}: ${res.stderr}`);
  const out = JSON.parse(res.stdout);
  if (!out.ips?.length) throw new Error(`no IP printed: ${res.stdout}`);
  const log = (await sim.control('GET', '/_sim/requests')).data;
  const upids = new Set(log.map((e) => /\/tasks\/([^/]+)\/status$/.exec(e.path)?.[1]).filter(Boolean));
  return {
    wallMs,
    tasks: upids.size,
    overheadMs: wallMs - upids.size * taskMs,
    requests: log.length,
    writes: log.filter((e) => e.method !== 'GET').length,
    violations: log.filter((e) => e.violation).length,
  };
}

// --user-data for the seed path on a template clone
const USER_DATA = join(mkdtempSync(join(tmpdir(), 'pvectl-bench-ud-')), 'user-data.yaml');
writeFileSync(USER_DATA, '#cloud-config\npackages: [nginx]\n');

const SCENARIOS = [
  [
    'vm: clone template 9000 (debian-12)',
    (i) => ['vm', 'create', `bench-c${i}`, '--os', 'debian-12', '--node', 'pve1'],
  ],
  [
    'vm: cloud image already downloaded (ubuntu-24.04), seed path',
    (i) => ['vm', 'create', `bench-i${i}`, '--os', 'ubuntu-24.04', '--node', 'pve2'],
  ],
  [
    'vm: clone with --ip auto (region pool)',
    (i) => ['vm', 'create', `bench-a${i}`, '--os', 'debian-12', '--node', 'pve1', '--ip', 'auto'],
    'pool',
  ],
  [
    'vm: clone template 9000 + --user-data (seed path)',
    (i) => ['vm', 'create', `bench-u${i}`, '--os', 'debian-12', '--node', 'pve1', '--user-data', USER_DATA],
  ],
  ['ct: local template (debian-12)', (i) => ['ct', 'create', `bench-t${i}`, '--os', 'debian-12', '--node', 'pve1']],
];

// The CLI reads the vendor's checksum list before a cloud-image download. A benchmark must not
// reach the internet: the test preload answers that list locally (see test/helpers/vendor-fetch.mjs).
const VENDOR_LISTS = {
  'https://cloud-images.ubuntu.com/noble/current/SHA256SUMS': `${'ab'.repeat(32)} *noble-server-cloudimg-amd64.img\n`,
};
const offline = {
  NODE_OPTIONS: `--import=${new URL('../test/helpers/vendor-fetch.mjs', import.meta.url).href}`,
  PVECTL_TEST_VENDOR_LISTS: JSON.stringify(VENDOR_LISTS),
};

/** Medians per scenario; `npm run bench` (bench/run.mjs) calls this. */
export async function benchCreate({ taskMs = 1000, runs = 5 } = {}) {
  const sim = await startSim(['--task-ms', String(taskMs), '--agent-delay-ms', '0']);
  const HOME = home();
  const env = { ...sim.env, ...offline, HOME, PVECTL_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'pvectl-bench-cfg-')) };
  // --ip auto needs a region with a pool: a config file region instead of PVECTL_URL/TOKEN
  const poolDir = mkdtempSync(join(tmpdir(), 'pvectl-bench-pool-'));
  const eq = sim.token.indexOf('=');
  writeFileSync(
    join(poolDir, 'config.json'),
    JSON.stringify({
      currentRegion: 'lab',
      regions: {
        lab: {
          url: sim.url,
          tokenId: sim.token.slice(0, eq),
          tokenSecret: sim.token.slice(eq + 1),
          fingerprint: sim.fingerprint,
          ipPool: { cidr: '10.40.0.0/16', gateway: '10.40.0.1' },
        },
      },
    }),
  );
  const poolEnv = { ...process.env, ...offline, HOME, NO_COLOR: '1', PVECTL_CONFIG_DIR: poolDir };
  try {
    const processStartMs = Math.round(
      median(Array.from({ length: 5 }, () => timeOnce([PVECTL, '--version'], sim.env))),
    );
    // the first image create downloads it: timed once, on its own
    const first = await createOnce(
      sim,
      env,
      ['vm', 'create', 'bench-dl', '--os', 'ubuntu-24.04', '--node', 'pve2'],
      taskMs,
    );
    const samples = [['vm: cloud image, first time (download + import)', [first]]];
    for (const [name, args, kind] of SCENARIOS) {
      const list = [];
      for (let i = 0; i < runs; i++) list.push(await createOnce(sim, kind === 'pool' ? poolEnv : env, args(i), taskMs));
      samples.push([name, list]);
    }
    const scenarios = {};
    for (const [name, list] of samples) {
      const m = (k) => Math.round(median(list.map((r) => r[k])));
      scenarios[name] = {
        runs: list.length,
        tasks: m('tasks'),
        wallMs: m('wallMs'),
        overheadMs: m('overheadMs'),
        requests: m('requests'),
        writes: m('writes'),
        violations: list.reduce((n, r) => n + r.violations, 0),
      };
    }
    return { taskMs, agentDelayMs: 0, processStartMs, scenarios };
  } finally {
    await sim.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { 'task-ms': { type: 'string', default: '1000' }, runs: { type: 'string', default: '5' } },
  });
  const r = await benchCreate({ taskMs: Number(values['task-ms']), runs: Number(values.runs) });
  console.log(`pvesim --task-ms ${r.taskMs} --agent-delay-ms 0; medians; node ${process.version}`);
  console.log(`process start (pvectl --version): ${r.processStartMs} ms\n`);
  console.log(
    '| scenario | runs | tasks | wall ms | overhead ms (wall − tasks × task-ms) | requests (writes) | schema ' +
      'violations |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, x] of Object.entries(r.scenarios)) {
    console.log(
      `| ${name} | ${x.runs} | ${x.tasks} | ${x.wallMs} | ${x.overheadMs} | ${x.requests} (${x.writes}) | ` +
        `${x.violations} |`,
    );
  }
}
