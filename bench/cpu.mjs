// Whole-process timing with CPU time, for a shared machine where wall time moves with other load.
// The CPU time of a child is read without loading anything into it (bare node and pvectl are
// measured alike): Linux adds each reaped child's user + system time to the parent's cutime and
// cstime (/proc/self/stat fields 16-17, in clock ticks). A single reading is coarse (10 ms ticks)
// but the sum is exact, so the mean over many runs is precise. Elsewhere only wall time is given.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { median } from './lib.mjs';

const TICKS_PER_S = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/** CPU ms of all reaped children so far, or null without /proc. */
function childrenCpuMs() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS_PER_S;
  } catch {
    return null;
  }
}

/**
 * Runs each command (name → { args, env }) `runs` times, interleaved, after one warm-up run each
 * (page cache, and pvectl's code cache written). Returns per name the median wall ms and the mean
 * CPU ms (null without /proc).
 */
export function compareCpu(commands, runs, baseEnv = process.env) {
  const once = ({ args, env }) => {
    const cpu0 = childrenCpuMs();
    const t0 = process.hrtime.bigint();
    const res = spawnSync(process.execPath, args, { env: { ...baseEnv, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    const wall = Number(process.hrtime.bigint() - t0) / 1e6;
    if (res.status !== 0) throw new Error(`${args.join(' ')} exited ${res.status}: ${res.stderr}`);
    return { wall, cpu: cpu0 === null ? null : childrenCpuMs() - cpu0 };
  };
  const samples = Object.fromEntries(Object.keys(commands).map((k) => [k, { wall: [], cpu: 0 }]));
  for (const cmd of Object.values(commands)) once(cmd);
  for (let i = 0; i < runs; i++) {
    for (const [name, cmd] of Object.entries(commands)) {
      const s = once(cmd);
      samples[name].wall.push(s.wall);
      samples[name].cpu = s.cpu === null || samples[name].cpu === null ? null : samples[name].cpu + s.cpu;
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([k, s]) => [
      k,
      { wallMs: median(s.wall), cpuMs: s.cpu === null ? null : s.cpu / runs },
    ]),
  );
}
