// Many creates at once: distinct VMIDs (nextid is only a hint; a lost race retries), distinct
// --ip auto addresses from the region pool, the VMID range, and the check after creation.
import { http } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SIM_URL, run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';
import { expectConforming, homeWithKey, labRegion, serveChecksumLists } from './create-helpers.js';

let s: InProcessSim;
let home: string;

const POOL = { cidr: '10.20.0.0/24', start: '10.20.0.10', end: '10.20.0.50', gateway: '10.20.0.1', dns: ['10.20.0.2'] };

beforeEach(() => {
  s = startInProcessSim();
  serveChecksumLists(s);
  home = homeWithKey();
  // addresses already taken by a VM (cloud-init) and a container (net0)
  s.sim.state.guests.get(100)!.config.ipconfig0 = 'ip=10.20.0.10/24,gw=10.20.0.1';
  s.sim.state.guests.get(200)!.config.net0 =
    'name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:01,ip=10.20.0.11/24,gw=10.20.0.1,type=veth';
});
afterEach(() => {
  expectConforming(s);
  s.close();
});

const configOf = (vmid: number) => s.sim.state.guests.get(vmid)!.config;

describe('parallel creates', () => {
  it('5 at once (VMs and containers) get distinct VMIDs and distinct pool addresses', async () => {
    const env = labRegion(s, home, { ipPool: POOL });
    const results = await Promise.all([
      run(['vm', 'create', 'p-1', '--os', 'debian-12', '--ip', 'auto', '-o', 'json'], { env }),
      run(['vm', 'create', 'p-2', '--os', 'ubuntu', '--node', 'pve2', '--ip', 'auto', '-o', 'json'], { env }),
      run(['vm', 'create', 'p-3', '--os', 'debian-12', '--ip', 'auto', '-o', 'json'], { env }),
      run(['ct', 'create', 'p-4', '--os', 'debian-12', '--node', 'pve1', '--ip', 'auto', '-o', 'json'], { env }),
      run(['ct', 'create', 'p-5', '--os', 'alpine', '--node', 'pve3', '--ip', 'auto', '-o', 'json'], { env }),
    ]);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    // no address had to be moved afterwards: the reservations kept them apart
    for (const r of results) expect(r.stderr).not.toContain('also claimed');
    const made = results.map((r) => JSON.parse(r.stdout) as { vmid: number; ips: string[] });
    expect(new Set(made.map((m) => m.vmid)).size).toBe(5);
    expect(made.map((m) => m.ips[0]).sort()).toEqual([
      '10.20.0.12',
      '10.20.0.13',
      '10.20.0.14',
      '10.20.0.15',
      '10.20.0.16',
    ]);
    for (const m of made) {
      const c = configOf(m.vmid);
      const written = String(c.ipconfig0 ?? c.net0);
      expect(written).toContain(`ip=${m.ips[0]}/24,gw=10.20.0.1`);
      expect(c.nameserver).toBe('10.20.0.2');
    }
  });

  it('a stale nextid (an id already taken) makes the create retry with another and succeed', async () => {
    s.sim.faults.staleNextId = 1;
    const r = await run(['vm', 'create', 'web-3', '--os', 'debian-12', '--no-start'], {
      env: { ...s.env, HOME: home },
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^VMID \d+ was taken meanwhile; trying another\n/);
    expect(r.stdout).toBe('VMID  NAME   NODE  STATUS   IP\n 104  web-3  pve1  stopped  -\n');
    const clones = s.sim.requestLog.filter((e) => e.path.endsWith('/clone'));
    expect(clones.map((e) => e.status)).toEqual([500, 200]);
    expect(s.sim.state.guests.get(104)?.config.name).toBe('web-3');
  });

  it('--vmid is used as given', async () => {
    const r = await run(['vm', 'create', 'web-3', '--os', 'debian-12', '--vmid', '4242', '--no-start', '-o', 'id'], {
      env: { ...s.env, HOME: home },
    });
    expect(r).toMatchObject({ code: 0, stdout: '4242\n' });
  });

  it('a region VMID range hands out its free ids in order and says when it is full', async () => {
    const env = labRegion(s, home, { vmidRange: { min: 500, max: 502 } });
    const args = (n: number) => [
      'ct',
      'create',
      `r-${n}`,
      '--os',
      'debian-12',
      '--node',
      'pve1',
      '--no-start',
      '-o',
      'id',
    ];
    const ids = await Promise.all([1, 2, 3].map((n) => run(args(n), { env })));
    expect(ids.map((r) => r.stdout.trim()).sort()).toEqual(['500', '501', '502']);
    const full = await run(args(4), { env });
    expect(full).toEqual({
      code: 1,
      stdout: '',
      stderr:
        "Error: no free VMID left in the region's range 500-502\nWiden vmidRange in the region " +
        'configuration, or pass --vmid.\n',
    });
  });
});

describe('--ip auto check after creation', () => {
  it(
    'when a guest with a lower VMID took the same address ' + 'meanwhile, the new guest moves to the next free one',
    async () => {
      const env = labRegion(s, home, { ipPool: POOL });
      // something outside pvectl gives VM 101 the address while VM 104 is being configured
      s.server.use(
        http.put(`${SIM_URL}/api2/json/nodes/pve1/qemu/104/config`, () => {
          s.sim.state.guests.get(101)!.config.ipconfig0 = 'ip=10.20.0.12/24,gw=10.20.0.1';
        }),
      );
      const r = await run(['vm', 'create', 'web-3', '--os', 'debian-12', '--ip', 'auto', '--no-start'], { env });
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('Warning: 10.20.0.12 is also claimed by guest 101; using 10.20.0.13 instead\n');
      expect(configOf(104).ipconfig0).toBe('ip=10.20.0.13/24,gw=10.20.0.1');
      expect(r.stdout).toBe('VMID  NAME   NODE  STATUS   IP\n 104  web-3  pve1  stopped  10.20.0.13\n');
    },
  );
});
