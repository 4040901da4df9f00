// Start-up (issues 3 and 13): `pvectl --version`, `pvectl --help`, `pvectl vm --help` (a noun's
// help) and `pvectl api get /version` (one tiny API call over HTTPS to pvesim: the fixed cost of
// every API command) against a bare `node -e 0` and a script doing only an `https.request` of
// /version (bench/https-get.cjs: the floor of an API command), in one run, interleaved: median wall
// time and mean CPU time (bench/cpu.mjs; the steadier figure on a shared machine), each as a ratio
// to bare node. `api get /version` is also
// run with PVECTL_NO_CODE_CACHE=1 (the ESM entry, no V8 code cache), and with its region read from a
// config.json instead of the environment. pvectl's code cache goes to a
// temporary XDG_CACHE_HOME, written by the warm-up run, so the runs measure a warm cache.
//
// Before and after in the same run: copy a build aside and name it with --baseline:
//   mkdir -p /tmp/before && cp -r bin dist package.json /tmp/before/
//   (change, npm run build) && node bench/startup.mjs --baseline /tmp/before [--runs 30]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compareCpu } from './cpu.mjs';
import { PVECTL, peakRssMiB, startSim } from './lib.mjs';

/** The simulator as the current region of a config.json in `dir`. */
function addRegion(sim, dir) {
  const [tokenId, secret] = sim.token.split('=');
  const args = ['region', 'add', 'sim', '--url', sim.url, '--token-id', tokenId, '--token-secret-stdin'];
  const res = spawnSync(process.execPath, [PVECTL, ...args, '--fingerprint', sim.fingerprint], {
    env: { ...process.env, PVECTL_CONFIG_DIR: dir },
    input: `${secret}\n`,
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`region add exited ${res.status}: ${res.stderr}`);
}

/** The machine's CA variables, unset: as in most users' shells (see below). */
export const NO_CA_VARIABLES = Object.fromEntries(
  ['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'NIX_SSL_CERT_FILE', 'REQUESTS_CA_BUNDLE'].map((k) => [
    k,
    undefined,
  ]),
);
const PLAIN = ', no CA variables';

export async function benchStartup({ runs = 20, baseline } = {}) {
  const sim = await startSim();
  const cache = mkdtempSync(join(tmpdir(), 'pvectl-bench-cache-'));
  const configDir = mkdtempSync(join(tmpdir(), 'pvectl-bench-config-'));
  try {
    addRegion(sim, configDir);
    const builds = { '': PVECTL, ...(baseline ? { 'before: ': join(baseline, 'bin/pvectl.js') } : {}) };
    // the floor of any API command: a script doing only an https.request of /version
    const bareGet = fileURLToPath(new URL('./https-get.cjs', import.meta.url));
    const commands = { 'node -e 0': { args: ['-e', '0'] }, 'node:https GET /version': { args: [bareGet] } };
    for (const [label, bin] of Object.entries(builds)) {
      commands[`${label}--version`] = { args: [bin, '--version'] };
      commands[`${label}--help`] = { args: [bin, '--help'] };
      commands[`${label}api get /version`] = { args: [bin, 'api', 'get', '/version'] };
      commands[`${label}vm --help`] = { args: [bin, 'vm', '--help'] };
    }
    commands['api get /version, PVECTL_NO_CODE_CACHE=1'] = {
      args: [PVECTL, 'api', 'get', '/version'],
      env: { PVECTL_NO_CODE_CACHE: '1' },
    };
    // as most users run it: the region comes from config.json, not the environment. No PVECTL_FINGERPRINT
    // either: with it set, each run also printed a warning that the config region ignores it
    const fromConfig = {
      PVECTL_CONFIG_DIR: configDir,
      PVECTL_URL: undefined,
      PVECTL_TOKEN: undefined,
      PVECTL_FINGERPRINT: undefined,
    };
    Object.assign(commands, {
      'api get /version, region from config.json': { args: [PVECTL, 'api', 'get', '/version'], env: fromConfig },
    });
    if (baseline) {
      commands['before: api get /version, region from config.json'] = {
        args: [builds['before: '], 'api', 'get', '/version'],
        env: fromConfig,
      };
    }
    // This machine sets NODE_EXTRA_CA_CERTS (and the other CA variables), which makes every Node
    // process, bare node included, load the whole root store at start (~50 ms CPU here). A user's
    // shell seldom has it: the same rows without those variables, against a bare node without them.
    for (const name of ['node -e 0', 'node:https GET /version', '--help', 'api get /version']) {
      commands[`${name}${PLAIN}`] = { ...commands[name], env: { ...commands[name].env, ...NO_CA_VARIABLES } };
    }
    commands[`api get /version, region from config.json${PLAIN}`] = {
      args: [PVECTL, 'api', 'get', '/version'],
      env: { ...fromConfig, ...NO_CA_VARIABLES },
    };
    const t = compareCpu(commands, runs, { ...sim.env, XDG_CACHE_HOME: cache });
    const round = (x) => (x === null ? null : +x.toFixed(2));
    let bare;
    const timings = Object.fromEntries(
      Object.entries(t).map(([k, { wallMs, cpuMs }]) => [
        k,
        (bare = t[k.endsWith(PLAIN) ? `node -e 0${PLAIN}` : 'node -e 0']) && {
          wallMs: +wallMs.toFixed(1),
          wallRatio: round(wallMs / bare.wallMs),
          cpuMs: cpuMs === null ? null : +cpuMs.toFixed(1),
          cpuRatio: cpuMs === null ? null : round(cpuMs / bare.cpuMs),
        },
      ]),
    );
    return {
      runs,
      timings,
      helpPeakMiB: +peakRssMiB([PVECTL, '--help']).toFixed(1),
      goal: '--help <= 1.3x, api get /version <= 1.6x bare node',
    };
  } finally {
    rmSync(cache, { recursive: true, force: true });
    rmSync(configDir, { recursive: true, force: true });
    await sim.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { runs: { type: 'string' }, baseline: { type: 'string' } } });
  console.log(
    JSON.stringify(await benchStartup({ runs: Number(values.runs ?? 20), baseline: values.baseline }), null, 2),
  );
}
