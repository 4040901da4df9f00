// node list --sort FIELD and --status online|offline, against the in-process simulator.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';

let s: InProcessSim;
beforeEach(() => {
  s = startInProcessSim();
  s.sim.setNodeOnline('pve3', false);
});
afterEach(() => s.close());

const ids = async (...args: string[]) => {
  const r = await run(['node', 'list', '-o', 'id', ...args], { env: s.env });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout.trim().split('\n').filter(Boolean);
};

describe('node list --sort', () => {
  it.each([
    [[], ['pve1', 'pve2', 'pve3']],
    [
      ['--sort', 'maxmem'],
      ['pve2', 'pve1', 'pve3'],
    ], // 96 GiB, 128 GiB; offline (no stats) last
    [['--sort=-maxmem'], ['pve1', 'pve2', 'pve3']],
    [
      ['--sort', 'maxcpu'],
      ['pve2', 'pve1', 'pve3'],
    ],
    [['--sort=-node'], ['pve3', 'pve2', 'pve1']],
    [
      ['--sort', 'status'],
      ['pve3', 'pve1', 'pve2'],
    ], // "offline" < "online"; ties keep node order
    [
      ['--sort', 'UPTIME'],
      ['pve2', 'pve1', 'pve3'],
    ], // field names in any case
  ])('%j → %j', async (args, expected) => {
    expect(await ids(...args)).toEqual(expected);
  });

  it('an unknown field exits 2 before any request, listing the valid ones', async () => {
    const r = await run(['node', 'list', '--sort', 'load'], { env: s.env });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'Error: --sort: unknown field "load"; valid fields: node, status, cpu, maxcpu, mem, maxmem, disk, ' +
        'maxdisk, uptime, region (descending: --sort=-FIELD)\n',
    });
    expect(s.sim.requestLog).toEqual([]);
  });
});

describe('node list --status', () => {
  it('online or offline', async () => {
    expect(await ids('--status', 'online')).toEqual(['pve1', 'pve2']);
    expect(await ids('--status', 'offline')).toEqual(['pve3']);
    expect(await ids('--status', 'online', '--sort=-maxmem')).toEqual(['pve1', 'pve2']);
  });

  it('the table shows only the matching nodes; none matching is an empty success', async () => {
    const r = await run(['node', 'list', '--status', 'offline'], { env: s.env });
    expect(r).toEqual({
      code: 0,
      stdout:
        'NODE  STATUS   CPUS  CPU%  MEMORY  MEM%  DISK  DISK%  UPTIME\npve3  offline     -     -       -     ' +
        '-     -      -       -\n',
      stderr: '',
    });
    s.sim.setNodeOnline('pve3', true);
    const none = await run(['node', 'list', '--status', 'offline'], { env: s.env, tty: true });
    expect(none.code).toBe(0);
    expect(none.stderr).toBe('No offline nodes.\n');
    expect(
      JSON.parse((await run(['node', 'list', '--status', 'offline', '-o', 'json'], { env: s.env })).stdout),
    ).toEqual([]);
  });

  it('a bad state exits 2 before any request', async () => {
    const r = await run(['node', 'list', '--status', 'up'], { env: s.env });
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'Error: --status: "up" is not one of online, offline\n' });
    expect(s.sim.requestLog).toEqual([]);
  });
});
