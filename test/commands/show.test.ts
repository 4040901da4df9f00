import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';

let s: InProcessSim;
beforeEach(() => {
  s = startInProcessSim();
});
afterEach(() => s.close());

const json = async (args: string[]) => {
  const r = await run([...args, '-o', 'json'], { env: s.env });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Record<string, any>;
};

describe('vm show / ct show', () => {
  it('json: the guest object plus config (no digest), pending changes and IPs', async () => {
    const g = await json(['vm', 'show', 'web-1']);
    expect(g).toMatchObject({
      vmid: 100,
      name: 'web-1',
      type: 'qemu',
      node: 'pve1',
      status: 'running',
      cpus: 2,
      maxmem: 2147483648,
      tags: ['prod', 'web'],
      template: false,
      pool: 'prod',
      lock: null,
      region: 'env',
      pending: [],
    });
    for (const k of ['cpu', 'mem', 'uptime', 'maxdisk']) expect(typeof g[k]).toBe('number');
    expect(g.config).toMatchObject({ name: 'web-1', memory: '2048', cores: 2, agent: '1', tags: 'prod;web' });
    expect(g.config).not.toHaveProperty('digest');
    // the agent's addresses: net0's NIC first, no loopback or link-local
    expect(g.ips.length).toBeGreaterThan(0);
    expect(g.ips).not.toContain('127.0.0.1');
    expect(g.ips.every((ip: string) => !ip.startsWith('fe80') && !ip.includes('/'))).toBe(true);
    const paths = s.sim.requestLog.map((l) => l.path);
    expect(paths.filter((p) => p === '/cluster/resources')).toHaveLength(1);
    expect(paths).toContain('/nodes/pve1/qemu/100/agent/network-get-interfaces');
  });

  it('resolves by VMID too; a stopped VM without agent has no IPs and nobody asks the agent', async () => {
    const g = await json(['vm', 'show', '102']);
    expect(g).toMatchObject({ vmid: 102, name: 'db-1', status: 'stopped', ips: [], pending: [] });
    expect(s.sim.requestLog.map((l) => l.path)).not.toContain('/nodes/pve1/qemu/102/agent/network-get-interfaces');
  });

  it('containers: IPs from …/interfaces', async () => {
    const g = await json(['ct', 'show', 'dns-1']);
    expect(g).toMatchObject({ vmid: 200, type: 'lxc', status: 'running', config: { hostname: 'dns-1' } });
    expect(g.ips).toHaveLength(1);
    expect(g.ips[0]).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const stopped = await json(['ct', 'show', 'cache-1']);
    expect(stopped).toMatchObject({ status: 'stopped', ips: [], pool: 'dev' });
  });

  it('marks pending changes (they wait for the next reboot)', async () => {
    expect(
      (await run(['api', 'put', '/nodes/pve1/qemu/100/config', '-d', 'cores=4', '-d', 'delete=agent'], { env: s.env }))
        .code,
    ).toBe(0);
    const g = await json(['vm', 'show', 'web-1']);
    expect(g.pending).toEqual([
      { key: 'agent', value: '1', pending: null, delete: true },
      { key: 'cores', value: '2', pending: '4', delete: false },
    ]);
    const table = (await run(['vm', 'show', 'web-1'], { env: s.env })).stdout;
    expect(table).toContain('\nConfiguration (* = changed at the next reboot):\n');
    expect(table).toMatch(/\n  cores \* +4\n/);
    expect(table).toMatch(/\nPending changes:\n(.*\n)*  agent +1 +\(deleted\)\n  cores +2 +4\n$/);
  });

  it('table: key/value lines, then IP addresses, configuration and pending changes', async () => {
    const r = await run(['vm', 'show', '9000'], { env: s.env });
    expect(r.code).toBe(0);
    const out = r.stdout
      .replace(/ctime=\d+/, 'ctime=T')
      .replace(/uuid=[0-9a-f-]+/, 'uuid=U')
      .replace(/vmgenid( +)[0-9a-f-]+/, 'vmgenid$1G')
      .replace(/virtio=[0-9A-F:]+/, 'virtio=MAC');
    expect(out).toBe(
      [
        'VMID:         9000',
        'Name:         debian-12-cloud',
        'Type:         qemu',
        'Status:       stopped',
        'Node:         pve1',
        'CPUs:         2',
        'CPU usage:    0%',
        'Memory:       2.0 GiB',
        'Memory used:  0 B',
        'Disk:         3.0 GiB',
        'Uptime:       -',
        'Tags:         os-debian,os-debian-12',
        'Pool:         -',
        'Lock:         -',
        'HA:           -',
        'Template:     yes',
        'Region:       env',
        '',
        'IP addresses: none',
        '',
        'Configuration:',
        '  KEY        VALUE',
        '  agent      1',
        '  boot       order=scsi0',
        '  ciuser     debian',
        '  cores      2',
        '  ide2       local-lvm:vm-9000-cloudinit,media=cdrom',
        '  ipconfig0  ip=dhcp',
        '  memory     2048',
        '  meta       creation-qemu=10.0.2,ctime=T',
        '  name       debian-12-cloud',
        '  net0       virtio=MAC,bridge=vmbr0',
        '  ostype     l26',
        '  scsi0      local-lvm:base-9000-disk-0,iothread=1,size=3G',
        '  scsihw     virtio-scsi-single',
        '  serial0    socket',
        '  smbios1    uuid=U',
        '  sockets    1',
        '  tags       os-debian;os-debian-12',
        '  template   1',
        '  vga        serial0',
        '  vmgenid    G',
        '',
        'Pending changes: none',
        '',
      ].join('\n'),
    );
  });

  it('a guest on an offline node: a warning and what the cluster knows, exit 0', async () => {
    s.sim.setNodeOnline('pve3', false);
    const r = await run(['vm', 'show', '103', '-o', 'json'], { env: s.env });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'Warning: node pve3 does not report on 103: configuration and IP addresses are not available\n',
    );
    expect(JSON.parse(r.stdout)).toMatchObject({
      vmid: 103,
      status: 'unknown',
      maxmem: null,
      config: null,
      pending: [],
      ips: [],
    });
    expect(s.sim.requestLog.map((l) => l.path)).toEqual(['/cluster/resources']);
  });

  it.each([
    [['vm', 'show', '999'], 3, 'Error: no VM with VMID 999\nSee: pvectl vm list\n'],
    [['vm', 'show', 'nope'], 3, 'Error: no VM named "nope"\nSee: pvectl vm list\n'],
    [['vm', 'show', '200'], 3, 'Error: 200 is a CT, not a VM\nUse: pvectl ct … 200\n'],
    [['ct', 'show', 'web-1'], 3, 'Error: "web-1" is a VM, not a CT\n'],
  ])('%j exits %i', async (args, code, stderr) => {
    expect(await run(args, { env: s.env })).toEqual({ code, stdout: '', stderr });
  });
});
