// pvesim at scale: wall time from spawning `node sim/bin/pvesim.js --port 0 --guests 10000` to its JSON
// line, and the time of one `GET /cluster/resources` (every guest, nodes and storages) from a warm
// keep-alive client. Medians of several runs. `node bench/sim.mjs` prints the result as JSON.
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:https';
import { createInterface } from 'node:readline';
import { PVESIM, median, root } from './lib.mjs';

const GUESTS = 10_000;

/** Spawns pvesim; resolves with its JSON line, the ms until it arrived, and stop(). */
function spawnSim(args) {
  const t0 = process.hrtime.bigint();
  // cwd = the repository, so pvesim finds ../shared/pve-api/apidoc.json as it does for users
  const child = spawn(process.execPath, [PVESIM, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    const onExit = (code) => reject(new Error(`pvesim ${args.join(' ')} exited ${code} before its JSON line`));
    child.once('exit', onExit);
    createInterface({ input: child.stdout }).once('line', (line) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      child.off('exit', onExit);
      resolve({
        info: JSON.parse(line),
        ms,
        stop: () =>
          new Promise((done) => {
            child.once('exit', done);
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** GET path over a keep-alive agent; resolves with the ms until the whole body arrived, and the body. */
function timedGet(agent, url, token) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const req = request(url, { agent, headers: { authorization: `PVEAPIToken=${token}` } }, (res) => {
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

export async function benchSim({ startRuns = 7, requestRuns = 15, guests = GUESTS } = {}) {
  const args = ['--port', '0', '--guests', String(guests)];
  await (await spawnSim(args)).stop(); // warm the file cache
  const starts = [];
  for (let i = 0; i < startRuns; i++) {
    const sim = await spawnSim(args);
    starts.push(sim.ms);
    await sim.stop();
  }

  const sim = await spawnSim(args);
  // a local bench: the certificate is pinned by hand below instead of trusting a CA
  const agent = new Agent({ keepAlive: true, maxSockets: 1, rejectUnauthorized: false });
  try {
    const url = `${sim.info.url}/api2/json/cluster/resources`;
    const first = await timedGet(agent, url, sim.info.token);
    if (first.fingerprint !== sim.info.fingerprint)
      throw new Error(`served certificate ${first.fingerprint} is not the announced one`);
    const listed = JSON.parse(first.body).data.filter((r) => r.type === 'qemu' || r.type === 'lxc').length;
    if (listed < guests) throw new Error(`/cluster/resources listed ${listed} guests, expected at least ${guests}`);
    for (let i = 0; i < 3; i++) await timedGet(agent, url, sim.info.token); // warm: JIT, socket, buffers
    const times = [];
    let reused = true;
    for (let i = 0; i < requestRuns; i++) {
      const r = await timedGet(agent, url, sim.info.token);
      times.push(r.ms);
      reused &&= r.reused;
    }
    return {
      startMs: Math.round(median(starts)),
      startRunsMs: starts.map(Math.round),
      resourcesMs: Math.round(median(times) * 10) / 10,
      resourcesBytes: first.body.length,
      keepAlive: reused,
      guests: listed,
      goal: 'start < 2000 ms',
    };
  } finally {
    agent.destroy();
    await sim.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await benchSim(), null, 2));
