// Bulk power, delete and tasks against the in-process simulator, every request checked against the
// official schema; a fresh simulator per test (the seed's guests in their seed states). They ran as
// built-CLI processes over HTTPS: test/e2e/power.test.ts keeps what needs a process (warnings, SIGINT).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';
import { expectNoSchemaViolations } from '../helpers/sim.js';

let sim: InProcessSim;
const cli = (args: string[], stdin?: string) => run(args, { env: sim.env, stdin });
const writes = () => sim.sim.requestLog.filter((e) => e.method !== 'GET').map((e) => `${e.method} ${e.path}`);
/** Bulk results are printed as each guest finishes: their order is not part of the contract. */
const lines = (stdout: string) => stdout.split('\n').filter(Boolean).sort();

beforeEach(() => {
  sim = startInProcessSim({ taskMs: 50, guests: 8 });
});
afterEach(() => {
  expectNoSchemaViolations(sim.sim);
  sim.close();
});

describe('operating guests', () => {
  it('bulk stop by tag, then start from `vm list -o id` on stdin', async () => {
    const stop = await cli(['vm', 'stop', '--tag', 'web']);
    expect({ ...stop, stdout: lines(stop.stdout) }).toEqual({
      code: 0,
      stdout: ['100 web-1 stopped', '101 web-2 stopped'],
      stderr: '',
    });
    const ids = await cli(['vm', 'list', '--tag', 'web', '--status', 'stopped', '-o', 'id']);
    expect(ids.stdout).toBe('100\n101\n');
    const start = await cli(['vm', 'start', '-', '-o', 'json'], ids.stdout);
    expect(start.code).toBe(0);
    expect((JSON.parse(start.stdout) as { vmid: number; ok: boolean }[]).map((r) => [r.vmid, r.ok])).toEqual([
      [100, true],
      [101, true],
    ]);
  });

  it('partial failure: exit 7 with a line per guest', async () => {
    const r = await cli(['vm', 'start', 'db-1', '9000', '--parallel', '1']);
    expect(r.code).toBe(7);
    expect(r.stdout).toBe("102 db-1 started\n9000 debian-12-cloud FAILED: you can't start a vm if it's a template\n");
    expect(r.stderr).toBe('Error: 1 of 2 VMs failed to start (see above)\n');
  });

  it('HA guest is waited on by its state', async () => {
    const r = await cli(['vm', 'shutdown', 'ha-app']);
    expect(r).toEqual({ code: 0, stdout: '103 ha-app shut down\n', stderr: '' });
    expect(sim.sim.state.guests.get(103)!.status).toBe('stopped');
  });

  it('delete needs --yes without a terminal; --force --yes stops and deletes', async () => {
    const before = writes().length;
    const refused = await cli(['ct', 'delete', 'dns-1', '--force']);
    expect(refused.code).toBe(2);
    expect(writes().length).toBe(before);
    const r = await cli(['ct', 'delete', 'dns-1', '--force', '--yes']);
    expect(r).toEqual({ code: 0, stdout: '200 dns-1 deleted\n', stderr: '' });
    expect(writes().slice(-2)).toEqual(['POST /nodes/pve1/lxc/200/status/stop', 'DELETE /nodes/pve1/lxc/200']);
  });

  it('--dry-run sends only reads', async () => {
    const before = writes().length;
    const r = await cli(['vm', 'stop', '--all', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^(POST \/api2\/json\/nodes\/pve\d\/qemu\/\d+\/status\/stop\n)+$/);
    expect(writes().length).toBe(before);
  });

  it('--no-wait, then task wait and task log', async () => {
    const r = await cli(['vm', 'reboot', 'web-1', '--no-wait']);
    const upid = r.stdout.trim().split(' ')[2]!;
    expect(upid).toMatch(/^UPID:pve1:.*:qmreboot:100:/);
    const wait = await cli(['task', 'wait', upid]);
    expect(wait).toEqual({ code: 0, stdout: `${upid} OK\n`, stderr: '' });
    const log = await cli(['task', 'log', upid]);
    expect(log.stdout).toBe('TASK OK\n');
  });

  it('resize says when a change waits for a reboot', async () => {
    const r = await cli(['vm', 'resize', 'web-1', '--mem', '3G']);
    expect(r).toEqual({
      code: 0,
      stdout: '100 web-1 memory 2048 MiB -> 3072 MiB (pending reboot)\n',
      stderr: 'memory 3072 MiB is pending: reboot the VM to apply it (pvectl vm reboot web-1)\n',
    });
  });
});
