// pvesim at scale: for 10,000 and 100,000 guests, the wall and CPU time from spawning
// `node sim/bin/pvesim.js --port 0 --guests N` to its JSON line, the pvesim process's peak RSS, and
// `GET /cluster/resources` (every guest, nodes and storages) from a warm keep-alive client, plain and
// gzip (as pvectl asks): medians of several, and the server's CPU time per answer; the first answer
// (which builds the whole listing) and answers a second apart. CPU times come
// from /proc (Linux): on a busy shared machine they move far less than wall times.
// `node bench/sim.mjs [--guests 10000,100000] [--pvesim path/to/bin/pvesim.js]` prints the result as
// JSON; --pvesim measures another build (e.g. an older commit's) in the same conditions.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { createInterface } from 'node:readline';
import { median, root } from './lib.mjs';

const SIZES = [10_000, 100_000];
// this tree's pvesim (the `pvesim` package link may point at another checkout's)
let PVESIM = `${root}sim/bin/pvesim.js`;
const TICK_MS = 10; // USER_HZ = 100 on Linux

/** CPU ms (user + system) used so far by a process, from /proc/PID/stat. */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // f[11] = utime, f[12] = stime
  return (Number(f[11]) + Number(f[12])) * TICK_MS;
}

/** Peak resident set (MiB) of a running process, from /proc/PID/status VmHWM. */
function peakRssMiB(pid) {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

/** Spawns pvesim; resolves with its JSON line, the wall and CPU ms until it arrived, and stop(). */
function spawnSim(args) {
  const t0 = process.hrtime.bigint();
  // cwd = the repository, so pvesim finds ../shared/pve-api/apidoc.json as it does for users
  const child = spawn(process.execPath, [PVESIM, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    const onExit = (code) => reject(new Error(`pvesim ${args.join(' ')} exited ${code} before its JSON line`));
    child.once('exit', onExit);
    createInterface({ input: child.stdout }).once('line', (line) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const cpu = cpuMs(child.pid);
      child.off('exit', onExit);
      resolve({
        info: JSON.parse(line),
        ms,
        cpu,
        pid: child.pid,
        stop: () =>
          new Promise((done) => {
            child.once('exit', done);
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** GET url over a keep-alive agent; resolves with the ms until the whole body arrived, and the body. */
function timedGet(agent, url, token, gzip) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const headers = { authorization: `PVEAPIToken=${token}`, ...(gzip ? { 'accept-encoding': 'gzip' } : {}) };
    const req = request(url, { agent, headers }, (res) => {
      const fingerprint = res.socket.getPeerCertificate().fingerprint256;
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        if (res.statusCode !== 200) return reject(new Error(`GET ${url}: ${res.statusCode} ${res.statusMessage}`));
        resolve({ ms, body: Buffer.concat(chunks), reused: req.reusedSocket, fingerprint });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Median wall ms and mean server CPU ms of `runs` warm GETs. */
/** Median wall ms and mean server CPU ms of `runs` warm GETs; with `pause`, each a second later. */
async function timeGets(sim, agent, url, runs, gzip, pause = false) {
  for (let i = 0; i < 3; i++) await timedGet(agent, url, sim.info.token, gzip); // warm: JIT, socket, buffers
  const times = [];
  const cpus = [];
  let reused = true;
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    // a second later every running guest's uptime has moved: the server refills (and regzips) them
    if (pause) await new Promise((done) => setTimeout(done, 1000));
    const cpu0 = cpuMs(sim.pid);
    const r = await timedGet(agent, url, sim.info.token, gzip);
    cpus.push(cpuMs(sim.pid) - cpu0);
    times.push(r.ms);
    reused &&= r.reused;
    bytes = r.body.length;
  }
  const cpu = cpus.reduce((a, b) => a + b, 0) / runs;
  return { ms: Math.round(median(times) * 10) / 10, serverCpuMs: Math.round(cpu), bytes, reused };
}

async function benchSize(guests, startRuns, requestRuns) {
  const args = ['--port', '0', '--guests', String(guests)];
  await (await spawnSim(args)).stop(); // warm the file cache
  const starts = [];
  const startCpu = [];
  for (let i = 0; i < startRuns; i++) {
    const sim = await spawnSim(args);
    starts.push(sim.ms);
    startCpu.push(sim.cpu);
    await sim.stop();
  }

  const sim = await spawnSim(args);
  // a local bench: the certificate is pinned by hand below instead of trusting a CA
  const agent = new Agent({ keepAlive: true, maxSockets: 1, rejectUnauthorized: false });
  try {
    const url = `${sim.info.url}/api2/json/cluster/resources`;
    // the first answer builds and serialises the whole listing
    const cpu0 = cpuMs(sim.pid);
    const first = await timedGet(agent, url, sim.info.token, false);
    const firstCpu = cpuMs(sim.pid) - cpu0;
    if (first.fingerprint !== sim.info.fingerprint)
      throw new Error(`served certificate ${first.fingerprint} is not the announced one`);
    const listed = JSON.parse(first.body).data.filter((r) => r.type === 'qemu' || r.type === 'lxc').length;
    if (listed < guests) throw new Error(`/cluster/resources listed ${listed} guests, expected at least ${guests}`);
    const plain = await timeGets(sim, agent, url, requestRuns, false);
    const gzip = await timeGets(sim, agent, url, requestRuns, true);
    const plainNext = await timeGets(sim, agent, url, 5, false, true);
    const gzipNext = await timeGets(sim, agent, url, 5, true, true);
    return {
      guests: listed,
      startMs: Math.round(median(starts)),
      startRunsMs: starts.map(Math.round),
      startCpuMs: Math.round(median(startCpu)),
      peakRssMiB: peakRssMiB(sim.pid), // after start-up and every request above
      firstResourcesMs: Math.round(first.ms),
      firstResourcesCpuMs: firstCpu,
      resourcesMs: plain.ms,
      resourcesCpuMs: plain.serverCpuMs,
      resourcesBytes: plain.bytes,
      resourcesGzipMs: gzip.ms,
      resourcesGzipCpuMs: gzip.serverCpuMs,
      resourcesGzipBytes: gzip.bytes,
      // each request a second after the last: the uptimes have moved, as for a client polling
      newSecondMs: plainNext.ms,
      newSecondCpuMs: plainNext.serverCpuMs,
      newSecondGzipMs: gzipNext.ms,
      newSecondGzipCpuMs: gzipNext.serverCpuMs,
      keepAlive: plain.reused && gzip.reused && plainNext.reused && gzipNext.reused,
    };
  } finally {
    agent.destroy();
    await sim.stop();
  }
}

export async function benchSim({ sizes = SIZES, startRuns, requestRuns = 9 } = {}) {
  const out = { goal: '100k guests: start <= 2000 ms, peak <= 300 MiB, /cluster/resources <= 300 ms' };
  // fewer start runs for the big cluster: each takes seconds
  for (const n of sizes) out[n] = await benchSize(n, startRuns ?? (n > 20_000 ? 3 : 7), requestRuns);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--guests');
  const sizes = i > 0 ? process.argv[i + 1].split(',').map(Number) : SIZES;
  const p = process.argv.indexOf('--pvesim');
  if (p > 0) PVESIM = process.argv[p + 1];
  console.log(JSON.stringify(await benchSim({ sizes }), null, 2));
}
