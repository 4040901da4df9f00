// vm ip / ct ip: addresses one a line; exit 1 with a reason when none is known.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';

let s: InProcessSim;
beforeEach(() => {
  s = startInProcessSim({ agentDelayMs: 60_000 });
});
afterEach(() => {
  expect(s.sim.requestLog.filter((e) => e.violation)).toEqual([]);
  s.close();
});

describe('ip', () => {
  it('prints the addresses of a running VM, the net0 address first', async () => {
    const r = await run(['vm', 'ip', 'web-1'], { env: s.env });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(lines).not.toContain('127.0.0.1');
  });

  it('-o json is an array of strings', async () => {
    const r = await run(['ct', 'ip', 'dns-1', '-o', 'json'], { env: s.env });
    expect(r.code).toBe(0);
    const ips = JSON.parse(r.stdout) as unknown[];
    expect(ips.length).toBeGreaterThan(0);
    expect(ips.every((ip) => typeof ip === 'string')).toBe(true);
  });

  it('a stopped guest: nothing on stdout, the reason on stderr, exit 1', async () => {
    const r = await run(['vm', 'ip', 'db-1'], { env: s.env });
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error: no IP address known for VM 102 db-1: it is stopped\nStart it: pvectl vm start db-1\n',
    });
  });

  it('a VM whose agent is not up yet: exit 1 saying so', async () => {
    expect((await run(['vm', 'start', 'db-1'], { env: s.env })).code).toBe(0);
    s.sim.state.guests.get(102)!.config.agent = '1';
    const r = await run(['vm', 'ip', 'db-1'], { env: s.env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('no IP address known for VM 102 db-1: the guest agent reports none yet');
  });

  it('a running VM without the agent enabled says so', async () => {
    expect((await run(['vm', 'start', 'db-1'], { env: s.env })).code).toBe(0);
    const r = await run(['vm', 'ip', 'db-1'], { env: s.env });
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Error: no IP address known for VM 102 db-1: its guest agent is not enabled and no static address is ' +
        'configured\nEnable it (agent: 1) and run qemu-guest-agent in the VM.\n',
    });
  });

  it('a CT that is not a VM: exit 3', async () => {
    const r = await run(['vm', 'ip', 'dns-1'], { env: s.env });
    expect(r.code).toBe(3);
  });
});
