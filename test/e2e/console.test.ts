// vm console / ct console with the built CLI over real HTTPS against pvesim, in a real
// pseudo-terminal (test/e2e/console/pty-driver.py, python3's pty module): the prompt appears, a
// typed line comes back, the size set on the terminal and its change (SIGWINCH) reach the guest,
// and each way out (Ctrl-], `exit` in the guest, SIGTERM) leaves `stty -g` as it was before.
// Also with stdin a pipe: lines are typed in, the end of input logs out.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSchemaViolations, repoRoot, runCli, startSim, type SimServer } from '../helpers/sim.js';

let sim: SimServer;
beforeAll(async () => {
  sim = await startSim();
  sim.sim.state.guests.get(100)!.config.serial0 = 'socket';
});
afterAll(async () => {
  expectNoSchemaViolations(sim);
  await sim.close();
});

interface PtyRun {
  code: number | string;
  output: string;
  before: string;
  during: string;
  after: string;
}

async function inPty(scenario: 'leave' | 'exit' | 'sigterm', args: string[]): Promise<PtyRun> {
  const configDir = mkdtempSync(join(tmpdir(), 'pvectl-console-'));
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', NO_COLOR: '1', PVECTL_CONFIG_DIR: configDir };
  Object.assign(env, { PVECTL_URL: sim.url, PVECTL_TOKEN: sim.token, PVECTL_FINGERPRINT: sim.fingerprint });
  const driver = join(repoRoot, 'test/e2e/console/pty-driver.py');
  const cmd = [driver, scenario, '--', process.execPath, join(repoRoot, 'bin/pvectl.js'), ...args];
  try {
    const { stdout } = await promisify(execFile)('python3', cmd, { env, timeout: 30_000 });
    return JSON.parse(stdout) as PtyRun;
  } finally {
    rmSync(configDir, { recursive: true, force: true });
  }
}

// the line typed and echoed, the first size, then `stty size` until the new size has arrived
const session = (prompt: string) => {
  const p = prompt.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return (
    `${p}hello\r\r\nhello\r\r\n${p}stty size\r\r\n30 100\r\r\n` +
    `(?:${p}stty size\r\r\n30 100\r\r\n)*${p}stty size\r\r\n40 120\r\r\n${p}`
  );
};

describe('e2e: console in a pseudo-terminal', () => {
  it('vm console: serial0, echo, sizes, Ctrl-] leaves with exit 0 and the terminal as it was', async () => {
    const r = await inPty('leave', ['vm', 'console', 'web-1']);
    expect(r.output).toMatch(
      new RegExp(
        '^console of VM 100 web-1 \\(serial0\\) on pve1; Ctrl-\\] leaves\r\n' +
          `starting serial terminal on interface serial0\r\r\n${session('root@web-1:~# ')}$`,
      ),
    );
    expect(r.code).toBe(0);
    expect(r.during).not.toBe(r.before); // raw while the console was open
    expect(r.after).toBe(r.before);
    const task = sim.sim.tasks.all.filter((t) => t.type === 'vncproxy').at(-1)!;
    expect([task.id, task.exitstatus]).toEqual(['100', 'OK']);
  });

  it('ct console: `exit` in the guest ends it with exit 0, terminal restored', async () => {
    const r = await inPty('exit', ['ct', 'console', 'dns-1']);
    expect(r.output).toMatch(new RegExp(`${session('root@dns-1:~# ')}exit\r\r\nlogout\r\r\n$`));
    expect(r).toMatchObject({ code: 0, after: r.before });
  });

  it('SIGTERM: exit 130, terminal restored', async () => {
    const r = await inPty('sigterm', ['ct', 'console', '200']);
    expect(r.output.endsWith('Error: SIGTERM: the console is closed\r\n')).toBe(true);
    expect(r).toMatchObject({ code: 130, after: r.before });
  });
});

describe('e2e: console with piped stdin', () => {
  it('lines are typed in; the end of input logs out (exit 0)', async () => {
    const r = await runCli(['ct', 'console', 'dns-1'], { sim, input: 'uptime\nstty size\n' });
    expect(r).toEqual({
      code: 0,
      stdout: 'root@dns-1:~# uptime\r\nuptime\r\nroot@dns-1:~# stty size\r\n24 80\r\nroot@dns-1:~# logout\r\n',
      stderr: 'console of CT 200 dns-1 on pve1; Ctrl-] leaves\n',
    });
  });
});
