// vm/ct/node stats: exact output for a fixed series, raw points in json, refusals.
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SIM_URL, run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';

let s: InProcessSim;
beforeEach(() => {
  s = startInProcessSim();
});
afterEach(() => {
  expect(s.sim.requestLog.filter((e) => e.violation)).toEqual([]);
  expect(s.sim.requestLog.filter((e) => e.method !== 'GET')).toEqual([]);
  s.close();
});

const MiB = 1024 ** 2;
// eight points, one minute apart: every metric climbs, falls or stays put
const FIXED = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => ({
  time: 1_800_000_000 + i * 60,
  cpu: i / 10,
  mem: (1024 - i * 64) * MiB,
  netin: 1024,
  netout: i === 3 ? null : i * 1024,
  diskread: 0,
  diskwrite: i % 2 ? 2 * MiB : MiB,
}));

describe('stats', () => {
  it('one line per metric with last, min, avg, max and a sparkline (fixed series)', async () => {
    s.server.use(
      http.get(`${SIM_URL}/api2/json/nodes/pve1/qemu/100/rrddata`, () => HttpResponse.json({ data: FIXED })),
    );
    const r = await run(['vm', 'stats', 'web-1'], { env: s.env });
    expect(r).toEqual({
      code: 0,
      stderr: '',
      stdout:
        'METRIC           LAST        MIN        AVG        MAX  LAST HOUR\n' +
        'cpu               70%         0%        35%        70%  ▁▂▃▄▅▆▇█\n' +
        'memory      576.0 MiB  576.0 MiB  800.0 MiB    1.0 GiB  █▇▆▅▄▃▂▁\n' +
        'net in      1.0 KiB/s  1.0 KiB/s  1.0 KiB/s  1.0 KiB/s  ▁▁▁▁▁▁▁▁\n' +
        'net out     7.0 KiB/s      0 B/s  3.6 KiB/s  7.0 KiB/s  ▁▂▃ ▅▆▇█\n' +
        'disk read       0 B/s      0 B/s      0 B/s      0 B/s  ▁▁▁▁▁▁▁▁\n' +
        'disk write  2.0 MiB/s  1.0 MiB/s  1.5 MiB/s  2.0 MiB/s  ▁█▁█▁█▁█\n',
    });
  });

  it('-o json carries the raw points with the timeframe asked for', async () => {
    const r = await run(['ct', 'stats', 'dns-1', '--since', 'week', '-o', 'json'], { env: s.env });
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ vmid: 200, name: 'dns-1', node: 'pve1', timeframe: 'week' });
    expect(out.points).toHaveLength(70);
    expect(out.points[1].time - out.points[0].time).toBe(10800);
    expect(s.sim.requestLog.at(-1)).toMatchObject({
      path: '/nodes/pve1/lxc/200/rrddata',
      params: { timeframe: 'week', cf: 'AVERAGE' },
    });
  });

  it('a stopped guest reads zero; a node has its own metrics', async () => {
    const vm = JSON.parse((await run(['vm', 'stats', 'db-1', '-o', 'json'], { env: s.env })).stdout);
    expect(new Set(vm.points.map((p: any) => p.cpu))).toEqual(new Set([0]));
    const node = await run(['node', 'stats', 'pve2'], { env: s.env });
    expect(node.stdout.split('\n').map((l) => l.split(/\s+/)[0])).toEqual([
      'METRIC',
      'cpu',
      'io',
      'memory',
      'net',
      'net',
      '',
    ]);
  });

  it('an offline node is a failure (exit 1), an unknown one not found (exit 3)', async () => {
    s.sim.setNodeOnline('pve3', false);
    expect(await run(['node', 'stats', 'pve3'], { env: s.env })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error: node pve3 is offline: it has no statistics to give\n',
    });
    const unknown = await run(['node', 'stats', 'pve9'], { env: s.env });
    expect(unknown.code).toBe(3);
    // the same not-found as every command that takes a node (commands/node/known.ts)
    expect(unknown.stderr).toMatch(/^Error: no node "pve9" in region "\S+"\nNodes: pve1, pve2, pve3\.\n$/);
  });
});
