// Hostile answers (issue 8, section 7): wall time and peak RSS of `pvectl api get` when the server
// sends 1 MiB of gzip that inflates to 1 GiB, and a 100 MB plain body. Before the answer limit
// these took 26 s / 2.2 GB and 370 MB RSS; now both stop at 64 MiB (PVECTL_MAX_ANSWER_SIZE).
//   npm run build && node bench/hostile.mjs [--runs 3] [--baseline DIR]   (DIR: an earlier build,
//   see transport.mjs for how to copy one aside)
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { PVECTL, median, peakRssMiB, root } from './lib.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, baseline: { type: 'string' } } });
const runs = Number(values.runs);

const child = spawn(process.execPath, [`${root}bench/hostile-server.mjs`], { stdio: ['ignore', 'pipe', 'inherit'] });
const info = JSON.parse(await new Promise((resolve) => createInterface({ input: child.stdout }).once('line', resolve)));
const env = {
  ...process.env,
  PVECTL_URL: info.url,
  PVECTL_TOKEN: 'root@pam!bench=00000000-0000-0000-0000-000000000000',
  PVECTL_FINGERPRINT: info.fingerprint,
  PVECTL_CONFIG_DIR: '/nonexistent',
};

function measure(bin, path) {
  const times = [];
  let code;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    code = spawnSync(process.execPath, [bin, 'api', 'get', path], { env, stdio: 'ignore' }).status;
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  let rss;
  try {
    rss = peakRssMiB([bin, 'api', 'get', path], env);
  } catch {
    rss = NaN; // a build that runs out of memory prints no reading
  }
  return { ms: Math.round(median(times)), peakRssMiB: Math.round(rss), exit: code };
}

const builds = { current: PVECTL, ...(values.baseline ? { baseline: `${values.baseline}/bin/pvectl.js` } : {}) };
const results = { gzipOnWireBytes: info.bombBytes };
for (const [name, bin] of Object.entries(builds)) {
  results[name] = { bomb1GiB: measure(bin, '/bomb'), plain100MB: measure(bin, '/big') };
}
child.kill();
console.log(JSON.stringify(results, null, 2));
