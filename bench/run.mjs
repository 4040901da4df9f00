// `npm run bench`: every benchmark, in one run, written to bench/results/latest.json and printed.
// Ratios compare against a bare `node -e 0` measured in the same run; see bench/README.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { benchStartup } from './startup.mjs';
import { benchList } from './list.mjs';
import { benchBulk } from './bulk.mjs';
import { benchCreate } from './create.mjs';
import { benchSim } from './sim.mjs';
import { benchSchema } from './schema.mjs';

const only = process.argv.slice(2);
const benches = {
  startup: benchStartup,
  list: benchList,
  bulk: benchBulk,
  create: benchCreate,
  sim: benchSim,
  schema: benchSchema,
};
const results = {
  when: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  loadavgAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
};
for (const [name, bench] of Object.entries(benches)) {
  if (only.length && !only.includes(name)) continue;
  process.stderr.write(`bench ${name} …\n`);
  results[name] = await bench();
  process.stderr.write(`${JSON.stringify(results[name], null, 2)}\n`);
}
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/latest.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
