// vm/ct delete: confirmation, refusals, --force, --purge, bulk results.
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';
import type { Prompt } from '../../src/context.js';
import { main } from '../../src/main.js';

let s: InProcessSim;
const writes = () =>
  s.sim.requestLog.filter((e) => e.method !== 'GET').map((e) => `${e.method} ${e.path} ${JSON.stringify(e.params)}`);
const exists = (vmid: number) => s.sim.state.guests.has(vmid);

function prompt(answer: boolean, asked: string[]): Prompt {
  return {
    confirm: async (q) => (asked.push(q), answer),
    secret: async () => '',
  };
}

/** Runs on a terminal with stdout and stderr in one list, in the order written (as the screen shows them). */
async function onTerminal(args: string[]): Promise<{ code: number; events: { to: 'out' | 'err'; text: string }[] }> {
  const events: { to: 'out' | 'err'; text: string }[] = [];
  const stdin = new PassThrough();
  stdin.end('');
  const code = await main(args, {
    io: {
      stdout: { write: (text: string) => void events.push({ to: 'out', text }) },
      stderr: { write: (text: string) => void events.push({ to: 'err', text }) },
      stdin,
      stdoutTTY: true,
      stderrTTY: true,
      stdinTTY: true,
      columns: 120,
    },
    env: { ...s.env },
    // the simulator's virtual clock, as run() would use it
    fetch: (url, init) => s.clock!.track(globalThis.fetch(url, init)),
    clock: s.clock,
    signal: new AbortController().signal,
  });
  return { code, events };
}

const SPINNER = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] /;

beforeEach(() => {
  s = startInProcessSim();
});
afterEach(() => {
  expect(s.sim.requestLog.filter((e) => e.violation)).toEqual([]);
  s.close();
});

describe('delete', () => {
  it('without --yes and no terminal: exit 2 and nothing sent', async () => {
    const r = await run(['vm', 'delete', 'db-1'], { env: s.env });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'Error: delete needs confirmation: pass --yes (-y) when stdin is not a terminal; nothing was deleted\n',
    });
    expect(s.sim.requestLog).toEqual([]);
    expect(exists(102)).toBe(true);
  });

  it('asks on a terminal, listing the guests', async () => {
    const asked: string[] = [];
    const r = await run(['vm', 'delete', 'db-1'], { env: s.env, tty: true, prompt: prompt(true, asked) });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('102 db-1 deleted\n');
    expect(asked).toEqual(['This deletes 1 VM with its disks:\n  102 db-1 on pve1\nDelete?']);
    expect(exists(102)).toBe(false);
  });

  it('on a terminal no spinner frame is drawn after the last result line', async () => {
    for (const args of [
      ['vm', 'delete', 'db-1', '--yes'],
      ['vm', 'delete', 'web-1', 'web-2', '--force', '--yes'],
    ]) {
      const { code, events } = await onTerminal(args);
      expect(code).toBe(0);
      const lastResult = events.map((e) => e.to).lastIndexOf('out');
      expect(events.slice(0, lastResult).some((e) => SPINNER.test(e.text))).toBe(true); // it was drawn while waiting
      expect(events.slice(lastResult + 1).filter((e) => SPINNER.test(e.text))).toEqual([]);
    }
  });

  it('a "no" deletes nothing', async () => {
    const r = await run(['ct', 'rm', 'cache-1'], { env: s.env, tty: true, prompt: prompt(false, []) });
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'Error: not confirmed; nothing was deleted\n' });
    expect(writes()).toEqual([]);
  });

  it('--purge sends purge and destroy-unreferenced-disks', async () => {
    const r = await run(['ct', 'delete', 'cache-1', '--purge', '--yes'], { env: s.env });
    expect(r).toEqual({ code: 0, stdout: '201 cache-1 deleted\n', stderr: '' });
    expect(writes()).toEqual(['DELETE /nodes/pve2/lxc/201 {"purge":"1","destroy-unreferenced-disks":"1"}']);
    expect(exists(201)).toBe(false);
  });

  it('refuses a running guest without --force, saying so, and sends nothing', async () => {
    const r = await run(['vm', 'delete', 'web-1', '-y'], { env: s.env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      '100 web-1 FAILED: VM 100 is running; stop it first (pvectl vm stop web-1) or pass --force to stop and ' +
        'delete it\n',
    );
    expect(r.stderr).toBe(
      'Error: VM 100 is running; stop it first (pvectl vm stop web-1) or pass --force to stop and delete it\n',
    );
    expect(writes()).toEqual([]);
  });

  it('--force stops a running guest first, then deletes it', async () => {
    const r = await run(['ct', 'delete', 'dns-1', '--force', '-y'], { env: s.env });
    expect(r).toEqual({ code: 0, stdout: '200 dns-1 deleted\n', stderr: '' });
    expect(writes()).toEqual(['POST /nodes/pve1/lxc/200/status/stop {}', 'DELETE /nodes/pve1/lxc/200 {}']);
  });

  it('refuses a protected guest even with --force', async () => {
    s.sim.state.guests.get(102)!.config.protection = 1;
    const r = await run(['vm', 'delete', '102', '--force', '-y'], { env: s.env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      '102 db-1 FAILED: VM 102 is protected (protection: 1); turn protection off first (qm/pct set 102 ' +
        '--protection 0)\n',
    );
    expect(writes()).toEqual([]);
    expect(exists(102)).toBe(true);
  });

  it('an HA-managed guest needs --purge (checked before a --force stop)', async () => {
    const r = await run(['vm', 'delete', 'ha-app', '--force', '-y'], { env: s.env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('103 ha-app FAILED: VM 103 is HA-managed; pass --purge to remove it from HA too\n');
    expect(writes()).toEqual([]);
  });

  it('bulk: partial failure exits 7 with a line per guest', async () => {
    const r = await run(['vm', 'delete', 'db-1', 'web-2', '-y', '--parallel', '1'], { env: s.env });
    expect(r.code).toBe(7);
    expect(r.stdout).toBe(
      '102 db-1 deleted\n101 web-2 FAILED: VM 101 is running; stop it first (pvectl vm stop web-2) or pass ' +
        '--force to stop and delete it\n',
    );
    expect(r.stderr).toBe('Error: 1 of 2 VMs failed to delete (see above)\n');
  });

  it('--dry-run prints the calls, needs no confirmation and sends only reads', async () => {
    const r = await run(['vm', 'delete', 'web-1', 'db-1', '--force', '--purge', '--dry-run', '--parallel', '1'], {
      env: s.env,
    });
    expect(r).toEqual({
      code: 0,
      stdout:
        'POST /api2/json/nodes/pve1/qemu/100/status/stop\n' +
        'DELETE /api2/json/nodes/pve1/qemu/100 {"purge":"1","destroy-unreferenced-disks":"1"}\n' +
        'DELETE /api2/json/nodes/pve1/qemu/102 {"purge":"1","destroy-unreferenced-disks":"1"}\n',
      stderr: '',
    });
    expect(writes()).toEqual([]);
  });

  it('--no-wait prints the UPID', async () => {
    const r = await run(['vm', 'delete', 'db-1', '-y', '--no-wait', '-o', 'json'], { env: s.env });
    expect(r.code).toBe(0);
    const [row] = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(row).toMatchObject({ vmid: 102, name: 'db-1', node: 'pve1', action: 'delete', ok: true, error: null });
    expect(row!.upid).toMatch(/^UPID:pve1:.*:qmdestroy:102:root@pam!pvectl:$/);
  });
});
