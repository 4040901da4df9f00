// Bulk power, delete and tasks with the built CLI over real HTTPS (undici transport, pinned
// certificate) against pvesim; every request checked against the official schema.
// Each test gets a fresh simulator (the seed's guests in their seed states), so no test depends on
// what an earlier one did or on how long its tasks took; the certificates are made once.
import { spawn } from 'node:child_process';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeCertificatesAsync, type CertificateSet } from '../../sim/src/cert.js';
import { expectNoSchemaViolations, repoRoot, runCli, startSim, type SimServer } from '../helpers/sim.js';

let certificates: CertificateSet;
let sim: SimServer;
const writes = () => sim.sim.requestLog.filter((e) => e.method !== 'GET').map((e) => `${e.method} ${e.path}`);
/** Bulk results are printed as each guest finishes: their order is not part of the contract. */
const lines = (stdout: string) => stdout.split('\n').filter(Boolean).sort();

beforeAll(async () => {
  certificates = await makeCertificatesAsync();
});
beforeEach(async () => {
  sim = await startSim({ taskMs: 50, guests: 8, certificates });
});
afterEach(async () => {
  expectNoSchemaViolations(sim);
  await sim.close();
});

describe('e2e: operating guests', () => {
  it('bulk stop by tag, then start from `vm list -o id` on stdin', async () => {
    const stop = await runCli(['vm', 'stop', '--tag', 'web'], { sim });
    expect({ ...stop, stdout: lines(stop.stdout) }).toEqual({
      code: 0,
      stdout: ['100 web-1 stopped', '101 web-2 stopped'],
      stderr: '',
    });
    const ids = await runCli(['vm', 'list', '--tag', 'web', '--status', 'stopped', '-o', 'id'], { sim });
    expect(ids.stdout).toBe('100\n101\n');
    const start = await runCli(['vm', 'start', '-', '-o', 'json'], { sim, input: ids.stdout });
    expect(start.code).toBe(0);
    expect((JSON.parse(start.stdout) as { vmid: number; ok: boolean }[]).map((r) => [r.vmid, r.ok])).toEqual([
      [100, true],
      [101, true],
    ]);
  });

  it('partial failure: exit 7 with a line per guest', async () => {
    const r = await runCli(['vm', 'start', 'db-1', '9000', '--parallel', '1'], { sim });
    expect(r.code).toBe(7);
    expect(r.stdout).toBe("102 db-1 started\n9000 debian-12-cloud FAILED: you can't start a vm if it's a template\n");
    expect(r.stderr).toBe('Error: 1 of 2 VMs failed to start (see above)\n');
  });

  it('HA guest is waited on by its state', async () => {
    const r = await runCli(['vm', 'shutdown', 'ha-app'], { sim });
    expect(r).toEqual({ code: 0, stdout: '103 ha-app shut down\n', stderr: '' });
    expect(sim.sim.state.guests.get(103)!.status).toBe('stopped');
  });

  it('delete needs --yes without a terminal; --force --yes stops and deletes', async () => {
    const before = writes().length;
    const refused = await runCli(['ct', 'delete', 'dns-1', '--force'], { sim });
    expect(refused.code).toBe(2);
    expect(writes().length).toBe(before);
    const r = await runCli(['ct', 'delete', 'dns-1', '--force', '--yes'], { sim });
    expect(r).toEqual({ code: 0, stdout: '200 dns-1 deleted\n', stderr: '' });
    expect(writes().slice(-2)).toEqual(['POST /nodes/pve1/lxc/200/status/stop', 'DELETE /nodes/pve1/lxc/200']);
  });

  it('--dry-run sends only reads', async () => {
    const before = writes().length;
    const r = await runCli(['vm', 'stop', '--all', '--dry-run'], { sim });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^(POST \/api2\/json\/nodes\/pve\d\/qemu\/\d+\/status\/stop\n)+$/);
    expect(writes().length).toBe(before);
  });

  it('--no-wait, then task wait and task log', async () => {
    const r = await runCli(['vm', 'reboot', 'web-1', '--no-wait'], { sim });
    const upid = r.stdout.trim().split(' ')[2]!;
    expect(upid).toMatch(/^UPID:pve1:.*:qmreboot:100:/);
    const wait = await runCli(['task', 'wait', upid], { sim });
    expect(wait).toEqual({ code: 0, stdout: `${upid} OK\n`, stderr: '' });
    const log = await runCli(['task', 'log', upid], { sim });
    expect(log.stdout).toBe('TASK OK\n');
  });

  it('resize says when a change waits for a reboot', async () => {
    const r = await runCli(['vm', 'resize', 'web-1', '--mem', '3G'], { sim });
    expect(r).toEqual({
      code: 0,
      stdout: '100 web-1 memory 2048 MiB -> 3072 MiB (pending reboot)\n',
      stderr: 'memory 3072 MiB is pending: reboot the VM to apply it (pvectl vm reboot web-1)\n',
    });
  });

  it('a wide bulk action (--parallel 32) prints nothing but results: no listener warnings', async () => {
    const big = await startSim({ taskMs: 200, guests: 40, certificates });
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
    const slow = await startSim({ taskMs: 5000, certificates });
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
