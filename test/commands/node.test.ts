import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';

let s: InProcessSim;
beforeEach(() => {
  s = startInProcessSim();
});
afterEach(() => s.close());

const NODES = [
  'NODE  STATUS   CPUS  CPU%     MEMORY  MEM%       DISK  DISK%  UPTIME',
  'pve1  online     32   16%  128.0 GiB   30%  100.0 GiB    21%  59d 0h',
  'pve2  online     24    6%   96.0 GiB   53%  100.0 GiB    13%  23d 0h',
  'pve3  offline     -     -          -     -          -      -       -',
  '',
].join('\n');

describe('node list', () => {
  it('prints every node from one API call; an offline node shows "-"', async () => {
    s.sim.setNodeOnline('pve3', false);
    const r = await run(['node', 'list'], { env: s.env });
    expect(r).toEqual({ code: 0, stdout: NODES, stderr: '' });
    expect(s.sim.requestLog.map((l) => `${l.method} ${l.path}`)).toEqual(['GET /cluster/resources']);
    expect(s.sim.requestLog[0]!.params).toMatchObject({ type: 'node' });
  });

  it('colours online and offline on a TTY', async () => {
    s.sim.setNodeOnline('pve3', false);
    const { NO_COLOR: _, ...env } = s.env;
    const r = await run(['node', 'list'], { env, tty: true });
    expect(r.stdout).toContain('pve1  \u001b[32monline\u001b[39m ');
    expect(r.stdout).toContain('pve3  \u001b[31moffline\u001b[39m');
    expect(r.stdout.replace(/\u001b\[\d+m/g, '')).toBe(NODES);
  });

  it('json: the contract fields, nulls for what an offline node does not report', async () => {
    s.sim.setNodeOnline('pve3', false);
    const nodes = JSON.parse((await run(['node', 'list', '-o', 'json'], { env: s.env })).stdout) as Record<
      string,
      unknown
    >[];
    expect(nodes.map((n) => Object.keys(n))).toEqual(
      Array(3).fill(['node', 'status', 'cpu', 'maxcpu', 'mem', 'maxmem', 'disk', 'maxdisk', 'uptime', 'region']),
    );
    expect(nodes[0]).toMatchObject({
      node: 'pve1',
      status: 'online',
      maxcpu: 32,
      maxmem: 137438953472,
      maxdisk: 107374182400,
      region: 'env',
    });
    for (const k of ['cpu', 'mem', 'disk', 'uptime']) expect(typeof nodes[0]![k]).toBe('number');
    expect(nodes[2]).toEqual({
      node: 'pve3',
      status: 'offline',
      cpu: null,
      maxcpu: null,
      mem: null,
      maxmem: null,
      disk: null,
      maxdisk: null,
      uptime: null,
      region: 'env',
    });
  });

  it('-o id prints node names; --columns and tsv work as for guests', async () => {
    expect((await run(['node', 'list', '-o', 'id'], { env: s.env })).stdout).toBe('pve1\npve2\npve3\n');
    expect((await run(['node', 'list', '-o', 'tsv', '--columns', 'node,maxcpu,maxmem'], { env: s.env })).stdout).toBe(
      'node\tmaxcpu\tmaxmem\npve1\t32\t137438953472\npve2\t24\t103079215104\npve3\t16\t68719476736\n',
    );
    const bad = await run(['node', 'list', '--columns', 'nodes'], { env: s.env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'Error: --columns: unknown column "nodes"; valid columns: region, node, status, maxcpu, cpu, maxmem, ' +
        'mempct, maxdisk, diskpct, uptime, mem, disk\n',
    );
    expect(s.sim.requestLog.length).toBe(2);
  });
});

describe('node show', () => {
  it('adds versions, load, CPU model, guest counts and storages', async () => {
    const r = await run(['node', 'show', 'pve1'], { env: s.env });
    expect(r).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'Node:          pve1',
        'Status:        online',
        'CPU:           16% of 32 CPUs',
        'Load average:  5.02 4.52 4.02',
        'Memory:        38.5 GiB of 128.0 GiB (30%)',
        'Root disk:     20.5 GiB of 100.0 GiB (21%)',
        'Uptime:        59d 0h',
        'Version:       pve-manager/9.1.4/5a5e3f4b9c1d2e7f',
        'Kernel:        6.17.2-1-pve',
        'CPU model:     AMD EPYC 7302P 16-Core Processor (1 socket, 32 threads)',
        'Guests:        3 VMs (1 template), 1 CT; 2 running',
        'Region:        env',
        '',
        'Storages:',
        '  STORAGE    TYPE     CONTENT                            SHARED  ACTIVE       USED      TOTAL  USE%',
        '  local      dir      iso,vztmpl,backup,import,snippets  no      yes       6.1 GiB  100.0 GiB    6%',
        '  local-lvm  lvmthin  images,rootdir                     no      yes     107.0 GiB  400.0 GiB   27%',
        '',
      ].join('\n'),
    });
  });

  it('json: numbers for the load average (sent as strings), storages and guest counts', async () => {
    const n = JSON.parse((await run(['node', 'show', 'pve1', '-o', 'json'], { env: s.env })).stdout);
    expect(n).toMatchObject({
      node: 'pve1',
      status: 'online',
      maxcpu: 32,
      loadavg: [5.02, 4.52, 4.02],
      kernel: '6.17.2-1-pve',
      cpuinfo: { model: 'AMD EPYC 7302P 16-Core Processor', cpus: 32, sockets: 1 },
      guests: { qemu: 3, lxc: 1, running: 2, templates: 1 },
    });
    expect(n.storages.map((st: { storage: string }) => st.storage)).toEqual(['local', 'local-lvm']);
    expect(n.storages[1]).toMatchObject({
      type: 'lvmthin',
      content: ['images', 'rootdir'],
      shared: false,
      active: true,
      total: 429496729600,
    });
  });

  it('an offline node: what the cluster knows, and no call to the node itself', async () => {
    s.sim.setNodeOnline('pve3', false);
    const r = await run(['node', 'show', 'pve3', '-o', 'json'], { env: s.env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      node: 'pve3',
      status: 'offline',
      cpu: null,
      pveversion: null,
      loadavg: [],
      storages: [],
      guests: { qemu: 1, lxc: 0 },
    });
    expect(s.sim.requestLog.map((l) => l.path)).toEqual(['/cluster/resources']);
  });

  it('an unknown node exits 3 and names the nodes there are', async () => {
    expect(await run(['node', 'show', 'pve9'], { env: s.env })).toEqual({
      code: 3,
      stdout: '',
      stderr: 'Error: no node "pve9" in region "env"\nNodes: pve1, pve2, pve3.\n',
    });
  });
});
