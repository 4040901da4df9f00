import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { SpawningFirst } from './test/helpers/sequencer.js';

// Most of the suite's wall time is spent waiting: e2e files wait on pvectl, pvesim and shell
// processes they spawn. Vitest's default (one worker per core less one) is a single, fully serial
// worker on a 2-core machine, so the CPU idles while a file waits. Twice the cores, at least 4,
// keeps the CPU busy (at most 8); it costs no extra CPU since every file runs in a fresh fork anyway.
// `vitest --maxWorkers N` still overrides it.
const workers = Math.min(8, Math.max(4, availableParallelism() * 2));

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'sim/test/**/*.test.ts'],
    // limits for a hung test, not speed checks: with 4 workers on a busy 2-core machine one e2e
    // test of two pvectl processes was measured at 18 s, so 20 s failed passing tests
    testTimeout: 60_000,
    hookTimeout: 90_000,
    pool: 'forks',
    maxWorkers: workers,
    // A worker runs its files one after another in the same process, so msw, the simulator and the
    // schema are loaded once per worker instead of once per file (import time 140 s → 17 s summed).
    // Files keep no state between them: each starts and closes its own simulators and servers (only
    // certificates of closed simulators are reused, test/helpers/sim.ts).
    isolate: false,
    globalSetup: ['test/helpers/global-setup.ts'],
    sequence: { sequencer: SpawningFirst },
  },
});
