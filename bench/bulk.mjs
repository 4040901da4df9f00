// Bulk start (issue 4): `pvectl vm start` of 100 stopped VMs against pvesim with 1 s tasks, next to
// the same command for one VM; wall time of the whole process and API requests sent per guest
// (from the simulator's request log). BENCH_PVECTL=path/to/bin/pvectl.js measures another build.
// Run: npm run build && node bench/bulk.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PVECTL as BUILT, median, startSim } from './lib.mjs';

const PVECTL = process.env.BENCH_PVECTL ?? BUILT;

const TASK_MS = 1000;
const BULK = 100;
const SINGLES = 3;

function pvectl(args, env) {
  const t0 = process.hrtime.bigint();
  const res = spawnSync(process.execPath, [PVECTL, ...args], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (res.status !== 0) throw new Error(`pvectl ${args.slice(0, 3).join(' ')} … exited ${res.status}: ${res.stderr}`);
  return { ms, stdout: res.stdout };
}

/** Requests in the simulator's log since the last clear, grouped as "METHOD kind". */
async function requests(sim) {
  const log = (await sim.control('GET', '/_sim/requests')).data;
  const kinds = {};
  for (const e of log) {
    const kind = e.path.startsWith('/cluster/resources')
      ? 'cluster/resources'
      : /\/tasks\/[^/]+\/status$/.test(e.path)
        ? 'task status'
        : /\/tasks\/[^/]+\/log$/.test(e.path)
          ? 'task log'
          : /\/status\/current$/.test(e.path)
            ? 'guest status'
            : e.path.replace(/^\/nodes\/[^/]+\/qemu\/\d+/, '…/qemu/ID');
    const key = `${e.method} ${kind}`;
    kinds[key] = (kinds[key] ?? 0) + 1;
  }
  return { total: log.length, kinds, violations: log.filter((e) => e.violation).length };
}

async function timedStart(sim, ids, extra = []) {
  await sim.control('POST', '/_sim/requests/clear');
  const { ms, stdout } = pvectl(['vm', 'start', ...ids, ...extra], sim.env);
  const started = stdout
    .trim()
    .split('\n')
    .filter((l) => l.endsWith(' started')).length;
  if (started !== ids.length) throw new Error(`only ${started} of ${ids.length} started:\n${stdout}`);
  const req = await requests(sim);
  return {
    wallMs: Math.round(ms),
    requests: req.total,
    perGuest: +(req.total / ids.length).toFixed(2),
    kinds: req.kinds,
    violations: req.violations,
  };
}

export async function benchBulk() {
  const sim = await startSim(['--guests', '150', '--task-ms', String(TASK_MS)]);
  // guest hints (vm list fills them) go to a cache dir of the run's own, not the user's
  const cache = mkdtempSync(join(tmpdir(), 'pvectl-bench-cache-'));
  sim.env.XDG_CACHE_HOME = cache;
  try {
    const vms = JSON.parse(pvectl(['vm', 'list', '-o', 'json'], sim.env).stdout).filter(
      (g) => g.vmid >= 1000 && !g.template,
    );
    if (vms.length < BULK + SINGLES) throw new Error(`only ${vms.length} generated VMs`);
    const ids = vms.slice(0, BULK + SINGLES).map((g) => String(g.vmid));
    const bulk = ids.slice(0, BULK);
    const stopAll = () => pvectl(['vm', 'stop', ...ids, '--parallel', '128', '-q'], sim.env);
    stopAll();

    const single = [];
    for (const id of ids.slice(BULK)) single.push(await timedStart(sim, [id]));
    const results = { default8: await timedStart(sim, bulk) };
    for (const n of [32, 100]) {
      stopAll();
      results[`parallel${n}`] = await timedStart(sim, bulk, ['--parallel', String(n)]);
    }
    const one = median(single.map((s) => s.wallMs));
    return {
      taskMs: TASK_MS,
      guests: BULK,
      singleWallMs: Math.round(one),
      singleRequests: single[0].requests,
      singleKinds: single[0].kinds,
      bulk: Object.fromEntries(
        Object.entries(results).map(([k, r]) => [
          k,
          {
            wallMs: r.wallMs,
            vsSingle: +(r.wallMs / one).toFixed(1),
            requestsPerGuest: r.perGuest,
            kinds: r.kinds,
            violations: r.violations,
          },
        ]),
      ),
      floorMs: {
        default8: Math.ceil(BULK / 8) * TASK_MS,
        parallel32: Math.ceil(BULK / 32) * TASK_MS,
        parallel100: TASK_MS,
      },
    };
  } finally {
    rmSync(cache, { recursive: true, force: true });
    await sim.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await benchBulk(), null, 2));
