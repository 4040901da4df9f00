// ct create: a template already on the node, one downloaded from the appliance index (once), the
// root password (never shown), privileged containers, static addresses, dry run and --no-wait.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';
import { KEY, expectConforming, homeWithKey, labRegion, writes } from './create-helpers.js';

let s: InProcessSim;
let env: Record<string, string>;

beforeEach(() => {
  s = startInProcessSim();
  env = { ...s.env, HOME: homeWithKey() };
});
afterEach(() => {
  expectConforming(s);
  s.close();
});

describe('ct create', () => {
  it('uses the template already on the node, unprivileged with nesting, and prints its IP', async () => {
    const r = await run(
      [
        'ct',
        'create',
        'cache-2',
        '--os',
        'debian-12',
        '--node',
        'pve1',
        '--mem',
        '1G',
        '--disk',
        '10',
        '--tag',
        'cache',
      ],
      { env },
    );
    expect(r).toEqual({
      code: 0,
      stdout: 'VMID  NAME     NODE  STATUS   IP\n 104  cache-2  pve1  running  10.10.0.106\n',
      stderr: [
        'Creating CT 104 (cache-2) on pve1 from local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst',
        'Starting 104',
        'Waiting for IP: 10.10.0.106',
        '',
      ].join('\n'),
    });
    expect(writes(s)).toEqual([
      'POST /nodes/pve1/lxc ' +
        '{"vmid":"104","ostemplate":"local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst","hostname":"cache-2",' +
        '"memory":"1024","swap":"512","cores":"1","rootfs":"local-lvm:10",' +
        '"net0":"name=eth0,bridge=vmbr0,ip=dhcp","unprivileged":"1",' +
        `"features":"nesting=1","ssh-public-keys":"${KEY}","tags":"cache"}`,
      'POST /nodes/pve1/lxc/104/status/start {}',
    ]);
  });

  it('--disk 1.5G: a fractional root disk, in GiB as Proxmox takes it for new volumes', async () => {
    const r = await run(
      ['ct', 'create', 'small-1', '--os', 'debian-12', '--node', 'pve1', '--disk', '1.5G', '--no-start'],
      { env },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(s.sim.requestLog.find((e) => e.method === 'POST' && e.path === '/nodes/pve1/lxc')?.params).toMatchObject({
      rootfs: 'local-lvm:1.5',
    });
    expect(s.sim.state.guests.get(104)?.config.rootfs).toMatch(/,size=1536M$/);
  });

  it('downloads a template from the appliance index once; the next create finds it', async () => {
    const first = await run(['ct', 'create', 'a-1', '--os', 'alpine', '--node', 'pve2', '--no-start'], { env });
    expect(first.code).toBe(0);
    expect(first.stderr).toBe(
      'Downloading alpine-3.22-default_20250617_amd64.tar.xz to local on pve2\n' +
        'Creating CT 104 (a-1) on pve2 from local:vztmpl/alpine-3.22-default_20250617_amd64.tar.xz\n',
    );
    const second = await run(['ct', 'create', 'a-2', '--os', 'alpine-3.22', '--node', 'pve2', '--no-start'], { env });
    expect(second.code).toBe(0);
    expect(writes(s).map((w) => w.split(' {')[0])).toEqual([
      'POST /nodes/pve2/aplinfo',
      'POST /nodes/pve2/lxc',
      'POST /nodes/pve2/lxc',
    ]);
    expect(second.stdout).toBe('VMID  NAME  NODE  STATUS   IP\n 105  a-2   pve2  stopped  -\n');
  });

  it('--password-stdin sends the password and never prints it', async () => {
    const r = await run(
      ['ct', 'create', 'c-1', '--os', 'debian-12', '--node', 'pve1', '--password-stdin', '--no-start', '-v'],
      { env, stdin: 's3cret-pass\n' },
    );
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toContain('s3cret-pass');
    const create = s.sim.requestLog.find((e) => e.method === 'POST' && e.path === '/nodes/pve1/lxc');
    expect(create?.params.password).toBe('s3cret-pass');
  });

  it('--dry-run shows ******** for the password and sends nothing', async () => {
    const r = await run(
      ['ct', 'create', 'c-1', '--os', 'debian-12', '--node', 'pve1', '--password-stdin', '--dry-run'],
      { env, stdin: 's3cret-pass' },
    );
    expect(r.code).toBe(0);
    expect(writes(s)).toEqual([]);
    expect(r.stdout).not.toContain('s3cret-pass');
    expect(r.stdout).toBe(
      'POST /api2/json/nodes/pve1/lxc ' +
        '{"vmid":"104","ostemplate":"local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst","hostname":"c-1",' +
        '"memory":"512","swap":"512","cores":"1","rootfs":"local-lvm:8",' +
        '"net0":"name=eth0,bridge=vmbr0,ip=dhcp","unprivileged":"1",' +
        `"features":"nesting=1","password":"********","ssh-public-keys":"${KEY}"}\n` +
        'POST /api2/json/nodes/pve1/lxc/104/status/start\n',
    );
  });

  it('--no-unprivileged makes a privileged container without feature flags', async () => {
    const r = await run(
      ['ct', 'create', 'c-1', '--os', 'debian-12', '--node', 'pve1', '--no-unprivileged', '--no-start'],
      { env },
    );
    expect(r.code).toBe(0);
    const params = s.sim.requestLog.find((e) => e.method === 'POST' && e.path === '/nodes/pve1/lxc')!.params;
    expect(params.unprivileged).toBe('0');
    expect(params.features).toBeUndefined();
  });

  it('a static address with the region domain as search domain; -o json', async () => {
    const lab = labRegion(s, env.HOME!, { domain: 'lab.example' });
    const r = await run(
      [
        'ct',
        'create',
        'c-1',
        '--os',
        'debian-12',
        '--node',
        'pve1',
        '--ip',
        '192.0.2.20/24',
        '--gw',
        '192.0.2.1',
        '-o',
        'json',
      ],
      { env: lab },
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      vmid: 104,
      name: 'c-1',
      node: 'pve1',
      type: 'lxc',
      status: 'running',
      ips: ['192.0.2.20'],
      region: 'lab',
    });
    expect(s.sim.requestLog.find((e) => e.method === 'POST' && e.path === '/nodes/pve1/lxc')!.params).toMatchObject({
      net0: 'name=eth0,bridge=vmbr0,ip=192.0.2.20/24,gw=192.0.2.1',
      searchdomain: 'lab.example',
    });
  });

  it('--no-wait --no-start prints the UPID of the create task at once', async () => {
    const r = await run(['ct', 'create', 'c-1', '--os', 'debian-12', '--node', 'pve1', '--no-wait', '--no-start'], {
      env,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^UPID:pve1:[0-9A-F]{8}:[0-9A-F]{8,9}:[0-9A-F]{8}:vzcreate:104:root@pam!pvectl:\n$/);
    expect(s.sim.requestLog.filter((e) => e.path.includes('/tasks/'))).toEqual([]);
  });

  it('without keys or password it warns that root cannot log in', async () => {
    const r = await run(['ct', 'create', 'c-1', '--os', 'debian-12', '--node', 'pve1', '--no-start', '-q'], {
      env: { ...env, HOME: '/nonexistent' },
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'Warning: no SSH public key and no --password-stdin: root of c-1 can only be reached with pct enter on ' +
        'the node\n',
    );
  });
});
