// Shared bench helpers: timing of whole processes (interleaved runs, medians), peak memory of a
// child, and a pvesim child on a free port.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const PVECTL = `${root}bin/pvectl.js`;
// pvesim is a workspace dev dependency, resolved as a package
export const PVESIM = fileURLToPath(import.meta.resolve('pvesim/bin/pvesim.js'));

/** Wall time in ms of one whole process, from spawn to exit. */
export function timeOnce(args, env = process.env) {
  const t0 = process.hrtime.bigint();
  const res = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (res.status !== 0) throw new Error(`${args.join(' ')} exited ${res.status}: ${res.stderr}`);
  return ms;
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** Runs the named commands interleaved `runs` times each; returns medians in ms. */
export function compare(commands, runs = 15, env = process.env) {
  const samples = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (const args of Object.values(commands)) timeOnce(args, env); // warm the file cache
  for (let i = 0; i < runs; i++) {
    for (const [name, args] of Object.entries(commands)) samples[name].push(timeOnce(args, env));
  }
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
}

/** Peak resident memory (MiB) of a node process running args, measured by the child itself at exit. */
export function peakRssMiB(args, env = process.env) {
  const probe =
    `process.on('exit', () => process.stderr.write('\\nPEAK_RSS_KB=' + process.resourceUsage().maxRSS + ` + `'\\n'));`;
  const res = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(probe)}`, ...args], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const m = /PEAK_RSS_KB=(\d+)/.exec(res.stderr);
  if (!m) throw new Error(`no RSS reading: ${res.stderr}`);
  return Number(m[1]) / 1024;
}

/** Starts pvesim as a child; resolves with its JSON line plus env for pvectl and stop(). */
export async function startSim(extraArgs = []) {
  const child = spawn(process.execPath, [PVESIM, '--port', '0', ...extraArgs], { stdio: ['ignore', 'pipe', 'ignore'] });
  const line = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`pvesim exited ${code}`)));
    createInterface({ input: child.stdout }).once('line', resolve);
  });
  const info = JSON.parse(line);
  return {
    ...info,
    env: {
      ...process.env,
      PVECTL_URL: info.url,
      PVECTL_TOKEN: info.token,
      PVECTL_FINGERPRINT: info.fingerprint,
      NO_COLOR: '1',
    },
    /** A /_sim/ control call on a fresh connection (a kept-alive one may be closed under us meanwhile). */
    async control(method, path, body) {
      const { request } = await import('node:https');
      return new Promise((resolve, reject) => {
        const req = request(
          `${info.url}${path}`,
          { method, agent: false, rejectUnauthorized: false, headers: { 'content-type': 'application/json' } },
          (res) => {
            let data = '';
            res.on('data', (c) => (data += c));
            res.on('end', () => resolve(data ? JSON.parse(data) : null));
          },
        );
        req.on('error', reject);
        req.end(body ? JSON.stringify(body) : undefined);
      });
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}
