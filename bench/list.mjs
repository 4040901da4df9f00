// Listing (issue 3): `pvectl vm list` printing 5,000+ VMs against pvesim over HTTPS, timed as whole
// processes next to a bare `node -e 0` in the same run (interleaved, medians), and its peak RSS
// (read by the child itself at exit: process.resourceUsage().maxRSS). The time includes the
// simulator building and sending the ~1.6 MB answer. `api get /version` (one tiny call over the
// same HTTPS transport) is timed alongside: the fixed cost any API command pays, whatever it lists.
// Run: npm run build && node bench/list.mjs
import { spawnSync } from 'node:child_process';
import { PVECTL, compare, peakRssMiB, startSim } from './lib.mjs';

// pvesim makes about 3 in 4 generated guests VMs: 6,700 guests give `vm list` 5,000+ rows (and
// /cluster/resources, which always carries the containers too, 6,700+ entries).
const GUESTS = 6700;

export async function benchList({ runs = 15 } = {}) {
  const sim = await startSim(['--guests', String(GUESTS)]);
  try {
    const check = spawnSync(process.execPath, [PVECTL, 'vm', 'list', '-o', 'id'], {
      env: sim.env,
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    if (check.status !== 0) throw new Error(`vm list exited ${check.status}: ${check.stderr}`);
    const listed = check.stdout.trim().split('\n').length;
    const t = compare(
      {
        bare: ['-e', '0'],
        oneCall: [PVECTL, 'api', 'get', '/version'],
        table: [PVECTL, 'vm', 'list'],
        json: [PVECTL, 'vm', 'list', '-o', 'json'],
      },
      runs,
      sim.env,
    );
    return {
      guests: GUESTS,
      vmsListed: listed,
      bareMs: +t.bare.toFixed(1),
      oneCallMs: +t.oneCall.toFixed(1),
      oneCallRatio: +(t.oneCall / t.bare).toFixed(2),
      tableMs: +t.table.toFixed(1),
      jsonMs: +t.json.toFixed(1),
      tableRatio: +(t.table / t.bare).toFixed(2),
      jsonRatio: +(t.json / t.bare).toFixed(2),
      tablePeakMiB: +peakRssMiB([PVECTL, 'vm', 'list'], sim.env).toFixed(1),
      jsonPeakMiB: +peakRssMiB([PVECTL, 'vm', 'list', '-o', 'json'], sim.env).toFixed(1),
      barePeakMiB: +peakRssMiB(['-e', '0']).toFixed(1),
      goal: 'ratio <= 2, peak <= 100 MiB',
    };
  } finally {
    await sim.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await benchList(), null, 2));
