// One guest on a big cluster (issue 13): `vm show`, `vm ip`, `vm start` of one VM on a 50,000-guest
// cluster vs the same on a 500-guest one. The machine is shared, so the figure is the CPU time
// (user+sys) of the pvectl process, read by the child itself at exit; medians of interleaved runs.
// `vm start` targets a running VM (answered "already running" from the lookup, no write sent).
// Each command runs twice over: with the VMID → node hint (a cache dir the warm-up run fills, the
// usual case) and without one (no cache dir: the full look-up every time). Requests per command
// come from the simulator's log. BENCH_PVECTL=path/to/bin/pvectl.js measures another build.
// Run: npm run build && node bench/one-guest.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PVECTL as BUILT, median, startSim } from './lib.mjs';

const PVECTL = process.env.BENCH_PVECTL ?? BUILT;
const RUNS = Number(process.env.RUNS ?? 7);
const probe =
  "process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write('\\nCPU_US=' + " +
  "(u.user + u.system) + ' RSS_KB=' + process.resourceUsage().maxRSS + '\\n'); });";

/** CPU ms and peak RSS MiB of one pvectl run; exit 0 or 1 (a VM without an address) both count. */
export function cpuOnce(args, env) {
  const res = spawnSync(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(probe)}`, PVECTL, ...args],
    { env, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const m = /CPU_US=(\d+) RSS_KB=(\d+)/.exec(res.stderr);
  if (!m || res.status > 1) throw new Error(`pvectl ${args.join(' ')} exited ${res.status}: ${res.stderr}`);
  return { cpuMs: Number(m[1]) / 1000, rssMiB: Number(m[2]) / 1024 };
}

/** The GET requests one run sends, by kind (the simulator's log). */
async function requestsOf(sim, args, env) {
  await sim.control('POST', '/_sim/requests/clear');
  cpuOnce(args, env);
  const log = (await sim.control('GET', '/_sim/requests')).data;
  const kinds = {};
  for (const e of log) {
    const kind = e.path.replace(/^\/nodes\/[^/]+\/(qemu|lxc)\/\d+/, '…/$1/ID').replace(/\/agent\/.*/, '/agent/…');
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  return { total: log.length, kinds };
}

export async function benchOneGuest() {
  const small = await startSim(['--guests', '500', '--no-schema']);
  const big = await startSim(['--guests', '50000', '--no-schema']);
  const cache = mkdtempSync(join(tmpdir(), 'pvectl-bench-cache-'));
  // hinted: a cache dir of our own; unhinted: no cache dir at all (no HOME, no XDG_CACHE_HOME)
  const withCache = (env) => ({ ...env, XDG_CACHE_HOME: cache });
  const without = (env) => {
    const { HOME: _h, XDG_CACHE_HOME: _x, ...rest } = env;
    return rest;
  };
  try {
    const cmds = { show: ['vm', 'show', '100'], ip: ['vm', 'ip', '100'], start: ['vm', 'start', '100'] };
    const out = {};
    for (const [mode, envOf] of Object.entries({ hinted: withCache, unhinted: without })) {
      for (const [name, args] of Object.entries(cmds)) {
        const [se, be] = [envOf(small.env), envOf(big.env)];
        const s = [];
        const b = [];
        // warm-up: the file cache, and (hinted) the hint for 100
        cpuOnce(args, se);
        cpuOnce(args, be);
        for (let i = 0; i < RUNS; i++) {
          s.push(cpuOnce(args, se));
          b.push(cpuOnce(args, be));
        }
        const ms = (xs) => +median(xs.map((x) => x.cpuMs)).toFixed(1);
        const rss = (xs) => +median(xs.map((x) => x.rssMiB)).toFixed(1);
        out[`${name} ${mode}`] = {
          cpuMs500: ms(s),
          cpuMs50000: ms(b),
          ratio: +(ms(b) / ms(s)).toFixed(2),
          rssMiB500: rss(s),
          rssMiB50000: rss(b),
          requests50000: await requestsOf(big, args, be),
        };
      }
    }
    return out;
  } finally {
    rmSync(cache, { recursive: true, force: true });
    await Promise.all([small.stop(), big.stop()]);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await benchOneGuest(), null, 2));
