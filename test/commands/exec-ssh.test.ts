// vm exec (guest agent exec/exec-status: output, exit code passed on, --input, no agent) and
// vm ssh / ct ssh with a stub `ssh` on PATH that records its arguments and exits with a chosen code.
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/context.js';
import { sshCommandLine } from '../../src/commands/guest/ssh-args.js';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';

let s: InProcessSim;
beforeEach(() => {
  s = startInProcessSim({ agentDelayMs: 0 });
});
afterEach(() => {
  expect(s.sim.requestLog.filter((e) => e.violation)).toEqual([]);
  s.close();
});

// polls without waiting: the simulated process has exited at its second exec-status
const instant: Clock = { now: () => Date.now(), sleep: async () => {} };
const writes = () => s.sim.requestLog.filter((e) => e.method !== 'GET');

describe('vm exec', () => {
  it("writes the command's output and exits 0", async () => {
    const r = await run(['vm', 'exec', 'web-1', '--', 'echo', 'hello', 'world'], { env: s.env, clock: instant });
    expect(r).toEqual({ code: 0, stdout: 'hello world\n', stderr: '' });
    const exec = s.sim.requestLog.find((e) => e.path.endsWith('/agent/exec'));
    expect(exec?.params.command).toEqual(['echo', 'hello', 'world']);
  });

  it("passes the command's exit code on, its stderr to stderr", async () => {
    expect(await run(['vm', 'exec', 'web-1', '--', 'false'], { env: s.env, clock: instant })).toEqual({
      code: 1,
      stdout: '',
      stderr: '',
    });
    expect(await run(['vm', 'exec', 'web-1', '--', 'nosuch', '-x'], { env: s.env, clock: instant })).toEqual({
      code: 127,
      stdout: '',
      stderr: 'nosuch: command not found\n',
    });
  });

  it('--input feeds stdin, from a file or from pvectl stdin', async () => {
    const r = await run(['vm', 'exec', 'web-1', '--input', '-', '--', 'cat'], {
      env: s.env,
      clock: instant,
      stdin: 'line one\nline two\n',
    });
    expect(r).toEqual({ code: 0, stdout: 'line one\nline two\n', stderr: '' });
    const file = join(mkdtempSync(join(tmpdir(), 'exec-')), 'in.txt');
    writeFileSync(file, 'from a file\n');
    const f = await run(['vm', 'exec', 'web-1', '--input', file, '--', 'cat'], { env: s.env, clock: instant });
    expect(f.stdout).toBe('from a file\n');
  });

  it('no agent: a clear error naming the cause, exit 1', async () => {
    const r = await run(['vm', 'exec', 'db-1', '--', 'true'], { env: s.env, clock: instant });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: cannot run commands in VM 102 db-1: its guest agent is not enabled\nEnable it/);
  });

  it('usage errors (no command, unreadable or too big --input) exit 2 and write nothing', async () => {
    expect((await run(['vm', 'exec', 'web-1'], { env: s.env })).code).toBe(2);
    const missing = await run(['vm', 'exec', 'web-1', '--input', '/nonexistent/x', '--', 'cat'], { env: s.env });
    expect(missing).toMatchObject({ code: 2, stderr: 'Error: --input /nonexistent/x: ENOENT\n' });
    const big = await run(['vm', 'exec', 'web-1', '--input', '-', '--', 'cat'], {
      env: s.env,
      stdin: 'x'.repeat(70_000),
    });
    expect(big.code).toBe(2);
    expect(writes()).toEqual([]);
  });
});

function stubSsh(code: number): { dir: string; log: string } {
  const dir = mkdtempSync(join(tmpdir(), 'stub-ssh-'));
  const log = join(dir, 'args');
  const script = join(dir, 'ssh');
  writeFileSync(script, `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done > '${log}'\nexit ${code}\n`);
  chmodSync(script, 0o755);
  return { dir, log };
}

describe('vm ssh / ct ssh', () => {
  it("runs ssh as USER@IP with the extra arguments, and exits with ssh's code", async () => {
    const stub = stubSsh(3);
    const env = { ...s.env, PATH: `${stub.dir}:/usr/bin:/bin` };
    const ip = (await run(['vm', 'ip', 'web-1'], { env: s.env })).stdout.split('\n')[0];
    const r = await run(['vm', 'ssh', 'web-1', '--user', 'ops', '--', '-p', '2222', 'uptime', '-s'], { env });
    expect(r.code).toBe(3);
    expect(readFileSync(stub.log, 'utf8').split('\n').filter(Boolean)).toEqual([
      '-p',
      '2222',
      `ops@${ip}`,
      'uptime',
      '-s',
    ]);
  });

  it('logs in to a container as root', async () => {
    const stub = stubSsh(0);
    const r = await run(['ct', 'ssh', 'dns-1'], { env: { ...s.env, PATH: `${stub.dir}:/usr/bin:/bin` } });
    expect(r.code).toBe(0);
    expect(readFileSync(stub.log, 'utf8')).toMatch(/^root@\d+\.\d+\.\d+\.\d+\n$/);
  });

  it('no IP: a clear error, and ssh is not run', async () => {
    const stub = stubSsh(0);
    const r = await run(['vm', 'ssh', 'db-1'], { env: { ...s.env, PATH: `${stub.dir}:/usr/bin:/bin` } });
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Error: no IP address known for VM 102 db-1, so there is nothing to ssh to\nIt is stopped: start it first.\n',
    });
    expect(() => readFileSync(stub.log)).toThrow();
  });
});

describe('vm ssh --wait', () => {
  it('waits for an IP within --timeout, then exits 6 saying so (ssh never run)', async () => {
    const stub = stubSsh(0);
    let now = 0;
    const clock: Clock = { now: () => now, sleep: async (ms) => void (now += ms) };
    const r = await run(['vm', 'ssh', 'db-1', '--wait', '--timeout', '10s'], {
      env: { ...s.env, PATH: `${stub.dir}:/usr/bin:/bin` },
      clock,
    });
    expect(r.code).toBe(6);
    expect(r.stderr).toBe(
      'Error: no IP address for VM 102 db-1 within the wait\n' +
        'Give it more time with --timeout, or see why with: pvectl vm ip 102\n',
    );
    expect(now).toBeGreaterThanOrEqual(10_000);
    expect(() => readFileSync(stub.log)).toThrow();
  });
});

describe('sshCommandLine', () => {
  it('puts options (with their values) before the destination and the remote command after it', () => {
    expect(sshCommandLine('u@h', [])).toEqual(['u@h']);
    expect(sshCommandLine('u@h', ['-vvv', '-L', '8080:localhost:80', '-p2222', 'ls', '-l'])).toEqual([
      '-vvv',
      '-L',
      '8080:localhost:80',
      '-p2222',
      'u@h',
      'ls',
      '-l',
    ]);
    expect(sshCommandLine('u@h', ['-t', '--', '-weird'])).toEqual(['-t', 'u@h', '-weird']);
  });
});
