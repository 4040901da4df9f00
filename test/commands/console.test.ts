// vm console / ct console up to the WebSocket (the session itself: console-session.test.ts and
// test/e2e/console.test.ts): the refusals that come before any write, --dry-run, and the
// privilege Proxmox asks for (VM.Console on /vms/{vmid}, qemu-server API2/Qemu.pm `termproxy`).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';

const AUDITOR = { id: 'auditor@pve!ro', secret: '22222222-2222-3333-4444-555555555555', privs: ['VM.Audit'] };

let s: InProcessSim;
beforeEach(() => {
  s = startInProcessSim({ tokens: [{ id: 'root@pam!pvectl', secret: '1-2-3-4' }, AUDITOR] });
});
afterEach(() => {
  expect(s.sim.requestLog.filter((e) => e.violation)).toEqual([]);
  s.close();
});

const writes = () => s.sim.requestLog.filter((e) => e.method !== 'GET').map((e) => `${e.method} ${e.path}`);

describe('console: before the session', () => {
  it('a stopped guest: exit 1, how to start it, nothing written', async () => {
    const r = await run(['vm', 'console', 'db-1'], { env: s.env });
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error: VM 102 db-1 is stopped: there is no console to open\nStart it first: pvectl vm start 102\n',
    });
    expect((await run(['ct', 'console', 'cache-1'], { env: s.env })).code).toBe(1);
    expect(writes()).toEqual([]);
  });

  it('a VM without a serial socket (or not the one asked for): exit 1, how to add one, nothing written', async () => {
    const r = await run(['vm', 'console', 'web-1'], { env: s.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: VM 100 web-1 has no serial port for a console\n/);
    expect(r.stderr).toContain('pvectl api put /nodes/pve1/qemu/100/config -d serial0=socket');
    s.sim.state.guests.get(100)!.config.serial0 = 'socket';
    const other = await run(['vm', 'console', 'web-1', '--serial', 'serial1'], { env: s.env });
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(
      /^Error: VM 100 web-1 has no serial1 socket to open a console on\n.*It has: serial0\./s,
    );
    expect(writes()).toEqual([]);
  });

  it('an unknown guest: exit 3', async () => {
    expect((await run(['ct', 'console', 'nope'], { env: s.env })).code).toBe(3);
  });

  it('--dry-run prints the termproxy call and opens nothing', async () => {
    s.sim.state.guests.get(100)!.config.serial0 = 'socket';
    const r = await run(['--dry-run', 'vm', 'console', 'web-1'], { env: s.env });
    expect(r).toEqual({
      code: 0,
      stdout: 'POST /api2/json/nodes/pve1/qemu/100/termproxy {"serial":"serial0"}\n',
      stderr: '',
    });
    expect(writes()).toEqual([]);
  });

  it('a token without VM.Console: exit 4 with the path and privilege', async () => {
    const env = { ...s.env, PVECTL_TOKEN: `${AUDITOR.id}=${AUDITOR.secret}` };
    const r = await run(['ct', 'console', 'dns-1'], { env });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('Permission check failed (/vms/200, VM.Console)');
    expect(s.sim.tasks.all.filter((t) => t.type === 'vncproxy')).toEqual([]);
  });
});
