// What bulk power needs a real pvectl process for, with the built CLI over real HTTPS (undici
// transport, pinned certificate) against pvesim: Node's own warnings on stderr, and SIGINT. The rest
// of bulk power, delete and tasks runs in-process (test/commands/power-flows.test.ts).
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { expectNoSchemaViolations, repoRoot, runCli, startSim } from '../helpers/sim.js';

describe('e2e: operating guests', () => {
  it('a wide bulk action (--parallel 32) prints nothing but results: no listener warnings', async () => {
    const big = await startSim({ taskMs: 200, guests: 40 });
    try {
      const r = await runCli(['vm', 'stop', '--all', '--parallel', '32'], { sim: big });
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout.trim().split('\n').length).toBeGreaterThan(20);
      expectNoSchemaViolations(big);
    } finally {
      await big.close();
    }
  });

  it('Ctrl-C (SIGINT) while waiting: exit 130 and the task keeps running', async () => {
    // taskMs is fixed per simulator: a fresh slow one
    const slow = await startSim({ taskMs: 5000 });
    try {
      const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PVECTL_')));
      const child = spawn(process.execPath, [`${repoRoot}bin/pvectl.js`, 'vm', 'start', 'db-1'], {
        env: {
          ...inherited,
          NO_COLOR: '1',
          PVECTL_URL: slow.url,
          PVECTL_TOKEN: slow.token,
          PVECTL_FINGERPRINT: slow.fingerprint,
        },
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
      const code = await new Promise<number | null>((resolve) => {
        const poll = setInterval(() => {
          if (slow.sim.tasks.all.length > 0) {
            clearInterval(poll);
            setTimeout(() => child.kill('SIGINT'), 100);
          }
        }, 20);
        child.on('close', (c) => resolve(c));
      });
      const upid = slow.sim.tasks.all[0]!.upid;
      expect(code).toBe(130);
      expect(stderr).toBe(
        `Error: interrupted; tasks keep running on the cluster: ${upid}\nResume waiting with: pvectl task ` +
          `wait ${upid}\n`,
      );
      expect(slow.sim.tasks.all[0]!.status).toBe('running');
      expectNoSchemaViolations(slow);
    } finally {
      await slow.close();
    }
  });
});
