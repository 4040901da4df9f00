// One guest on a big cluster (issue 13): `vm show`, `vm ip`, `vm start` of one VM on a 50,000-guest
// cluster vs the same on a 500-guest one. The machine is shared, so the figure is the CPU time
// (user+sys) of the pvectl process, read by the child itself at exit; medians of interleaved runs.
// `vm start` targets a running VM (answered "already running" from the lookup, no write sent).
// Run: npm run build && node bench/one-guest.mjs
import { spawnSync } from 'node:child_process';
import { PVECTL, median, startSim } from './lib.mjs';

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

export async function benchOneGuest() {
  const small = await startSim(['--guests', '500', '--no-schema']);
  const big = await startSim(['--guests', '50000', '--no-schema']);
  try {
    const cmds = { show: ['vm', 'show', '100'], ip: ['vm', 'ip', '100'], start: ['vm', 'start', '100'] };
    const out = {};
    for (const [name, args] of Object.entries(cmds)) {
      const s = [];
      const b = [];
      cpuOnce(args, small.env);
      for (let i = 0; i < RUNS; i++) {
        s.push(cpuOnce(args, small.env));
        b.push(cpuOnce(args, big.env));
      }
      const ms = (xs) => +median(xs.map((x) => x.cpuMs)).toFixed(1);
      const rss = (xs) => +median(xs.map((x) => x.rssMiB)).toFixed(1);
      out[name] = {
        cpuMs500: ms(s),
        cpuMs50000: ms(b),
        ratio: +(ms(b) / ms(s)).toFixed(2),
        rssMiB500: rss(s),
        rssMiB50000: rss(b),
      };
    }
    return out;
  } finally {
    await Promise.all([small.stop(), big.stop()]);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await benchOneGuest(), null, 2));
