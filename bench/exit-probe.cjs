'use strict';
// Preloaded with `node -r bench/exit-probe.cjs …` (bench/list.mjs): at exit, the process's own CPU
// time (user + system) and peak RSS on stderr. CommonJS on purpose: `--import data:…` (the probe
// before) starts Node's ESM loader in the measured process, which a user's pvectl never does, and
// that cost ~7 ms of CPU in every run, bare node included.
process.on('exit', () => {
  const u = process.cpuUsage();
  process.stderr.write(`\nCPU_US=${u.user + u.system} RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
