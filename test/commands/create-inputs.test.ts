// vm/ct create refuse bad values with exit 2 and a message listing what is valid, before anything
// is created (no write reaches the simulator; local checks send nothing at all).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';
import { expectConforming, homeWithKey, labRegion, serveChecksumLists, writes } from './create-helpers.js';

let s: InProcessSim;
let env: Record<string, string>;
let home: string;

beforeEach(() => {
  s = startInProcessSim();
  home = homeWithKey();
  env = { ...s.env, HOME: home };
});
afterEach(() => {
  expect(writes(s)).toEqual([]);
  expect(s.sim.state.guests.has(104)).toBe(false);
  expectConforming(s);
  s.close();
});

const vm = (...args: string[]) => ['vm', 'create', 'web-3', '--os', 'debian-12', ...args];

describe('checked before any request', () => {
  it.each([
    [
      ['vm', 'create', 'web_3', '--os', 'debian'],
      'Error: "web_3" is not a valid guest name: use a DNS label of 1-63 letters, digits and inner hyphens, ' +
        'not only digits (e.g. web-1)',
    ],
    [['ct', 'create', '-web', '--os', 'debian'], "Error: unknown option '-web'"],
    [
      vm('--mem', 'lots'),
      'Error: --mem: "lots" is not a size; use a number with an optional K, M, G or T suffix (e.g. 512M, 1G, 1.5G)',
    ],
    [vm('--disk', '512M'), 'Error: --disk: "512M" is less than the minimum of 1G'],
    [vm('--cores', '0'), 'Error: --cores: "0" must be a whole number from 1 to 8192'],
    [
      vm('--ip', '10.0.0.5'),
      'Error: --ip "10.0.0.5": use dhcp, auto (the region\'s IP pool) or an IPv4 address with prefix length, ' +
        'e.g. 192.0.2.10/24',
    ],
    [vm('--ip', '10.0.0.5/24'), 'Error: --ip 10.0.0.5/24 needs --gw ADDR (the gateway inside 10.0.0.0/24)'],
    [vm('--ip', '10.0.0.5/24', '--gw', '10.0.1.1'), 'Error: --gw 10.0.1.1 must be another address inside 10.0.0.0/24'],
    [
      vm('--ip', '10.0.0.0/24', '--gw', '10.0.0.1'),
      'Error: --ip 10.0.0.0/24: that is the network address of the subnet; pick a host address',
    ],
    [vm('--gw', '10.0.0.1'), 'Error: --gw goes with a static --ip ADDR/PREFIX, not with --ip dhcp'],
    [
      vm('--tag', 'Prod!'),
      'Error: --tag "Prod!" is not a valid tag: tags are letters, digits and _ - + . (not starting with - + .)',
    ],
    [
      vm('--tag', 'a b'),
      'Error: --tag "a b" is not a valid tag: tags are letters, digits and _ - + . (not starting with - + ' +
        '.); for several tags repeat the flag (--tag a --tag b)',
    ],
    [
      vm('--tag', 'web', '--tag', 'db,prod'),
      'Error: --tag "db,prod" is not a valid tag: tags are letters, digits and _ - + . (not starting with - ' +
        '+ .); for several tags repeat the flag (--tag db --tag prod)',
    ],
    [
      ['ct', 'create', 'c-1', '--os', 'debian', '--tag', '-x'],
      'Error: --tag "-x" is not a valid tag: tags are letters, digits and _ - + . (not starting with - + .)',
    ],
    [
      vm('--user', 'Root'),
      'Error: --user "Root": a user name is a lower-case letter or _ followed by up to 31 letters, digits, _ or -',
    ],
    [vm('--ssh-key', '/nonexistent/key.pub'), 'Error: --ssh-key /nonexistent/key.pub: no such file'],
  ])('%j', async (args, message) => {
    const r = await run(args, { env });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe(message);
    expect(s.sim.requestLog).toEqual([]);
  });

  it('refuses a private key file', async () => {
    const r = await run(vm('--ssh-key', join(home, '.ssh/id_ed25519')), { env });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        `Error: --ssh-key ${home}/.ssh/id_ed25519 is a private key; pass the public one ` +
        `(${home}/.ssh/id_ed25519.pub)\n`,
    });
  });

  it('refuses a file that holds no public key', async () => {
    writeFileSync(join(home, 'notes.txt'), 'hello\n');
    const r = await run(vm('--ssh-key', join(home, 'notes.txt')), { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('does not hold OpenSSH public keys');
  });

  it('--password-stdin needs at least 5 characters', async () => {
    const r = await run(['ct', 'create', 'c-1', '--os', 'debian', '--password-stdin'], { env, stdin: 'abc\n' });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'Error: --password-stdin: the password must be at least 5 characters long\n',
    });
  });

  it('--ip auto needs a region IP pool', async () => {
    const r = await run(vm('--ip', 'auto'), { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'Error: --ip auto: region "env" has no IP pool\n' +
        'Give the region an ipPool {cidr, gateway, start?, end?, dns?} in its configuration, or pass --ip ' +
        'dhcp or --ip ADDR/PREFIX --gw GW.\n',
    );
  });
});

describe('checked against the cluster (reads only)', () => {
  it.each([
    [vm('--node', 'pve9'), 'Error: --node "pve9" is not a node of this cluster. Valid: pve1, pve2, pve3'],
    [vm('--storage', 'nfs'), 'Error: --storage "nfs" does not exist on pve1. Valid: local-lvm'],
    [vm('--storage', 'local'), 'Error: --storage "local" does not hold "images" content on pve1. Valid: local-lvm'],
    [
      ['ct', 'create', 'c-1', '--os', 'debian', '--storage', 'local'],
      'Error: --storage "local" does not hold "rootdir" content on pve1. Valid: local-lvm',
    ],
    [vm('--bridge', 'vmbr9'), 'Error: --bridge "vmbr9" is not a bridge on pve1. Valid: vmbr0'],
    [vm('--pool', 'staging'), 'Error: --pool "staging" does not exist. Valid: dev, prod'],
    [
      ['vm', 'create', 'dns-1', '--os', 'debian'],
      'Error: the name "dns-1" is taken (CT 200 on pve1); guest names must be unique to address guests by name',
    ],
    [vm('--vmid', '100'), 'Error: --vmid 100 is already in use; leave --vmid out to get a free one'],
    [
      ['vm', 'create', 'w-1', '--os', 'windows'],
      'Error: --os "windows": no VM template or cloud image for it in this region. Valid: alma-9, debian-12, ' +
        'debian-13, fedora-43, rocky-9, ubuntu-22.04, ubuntu-24.04 (or a family: alma, debian, fedora, rocky, ' +
        'ubuntu)',
    ],
    [
      ['ct', 'create', 'c-1', '--os', 'fedora'],
      'Error: --os "fedora": no container template for it in this region. Valid: alpine-3.22, debian-12, ' +
        'debian-13, rocky-9, ubuntu-22.04, ubuntu-24.04 (or a family: alpine, debian, rocky, ubuntu)',
    ],
  ])('%j', async (args, message) => {
    const r = await run(args, { env });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe(message);
  });

  it(
    "--mem beyond the chosen node's total memory: exit 2 naming " + 'its memory and the nodes that have enough',
    async () => {
      const r = await run(vm('--mem', '200G'), { env });
      expect(r).toEqual({
        code: 2,
        stdout: '',
        stderr:
          'Error: --mem 200.0 GiB is more than node pve1 has in all: 128.0 GiB\n' +
          'No node of this cluster has that much memory.\n',
      });
      const ct = await run(['ct', 'create', 'c-1', '--os', 'debian', '--node', 'pve3', '--mem', '100G'], { env });
      expect(ct).toEqual({
        code: 2,
        stdout: '',
        stderr:
          'Error: --mem 100.0 GiB is more than node pve3 has in all: 64.0 GiB\n' +
          'Nodes with that much memory: pve1 (128.0 GiB); pick one with --node.\n',
      });
    },
  );

  it('an offline node is refused, listing the online ones', async () => {
    s.sim.setNodeOnline('pve2', false);
    const r = await run(vm('--node', 'pve2'), { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('Error: --node "pve2" is offline. Online nodes: pve1, pve3\n');
  });

  it('with an empty appliance index (QUIRKS E7) the hint says to fetch it', async () => {
    s.sim.state.appliances.length = 0;
    const r = await run(['ct', 'create', 'c-1', '--os', 'alpine'], { env });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'Error: --os "alpine": no container template for it in this region. Valid: debian-12 (or a family: debian)\n' +
        "The node's appliance index is empty: run `pveam update` on it to offer the downloadable templates.\n",
    });
  });

  it('an unknown OS names the command that lists them', async () => {
    const r = await run(['vm', 'create', 'w-1', '--os', 'windows'], { env });
    expect(r.stderr.split('\n')[1]).toBe('See: pvectl os list --type vm');
  });
});

// Issue 8: `vm create new-1 --os ubuntu --vmid 100` started downloading the cloud image before it
// refused the taken VMID. Every check comes before the first write: download, clone, create and
// the --ip auto reservation (afterEach: no write reached the simulator).
describe('checked before the first write (download, clone, create, address reservation)', () => {
  const fullPool = { cidr: '10.30.0.0/29', start: '10.30.0.2', end: '10.30.0.2', gateway: '10.30.0.1' };
  const takeAddress = () => {
    s.sim.state.guests.get(100)!.config.ipconfig0 = 'ip=10.30.0.2/29,gw=10.30.0.1';
  };
  const poolFull =
    "Error: --ip auto: every address of the region's IP pool 10.30.0.0/29 is in use\n" +
    'Widen ipPool (start/end) in the region configuration, or pass --ip ADDR/PREFIX --gw GW.\n';

  it.each([
    ['a cloud image to download', ['vm', 'create', 'new-1', '--os', 'ubuntu', '--vmid', '100']],
    ['a template to clone', ['vm', 'create', 'new-1', '--os', 'debian-12', '--vmid', '200']],
    ['a container template to download', ['ct', 'create', 'new-1', '--os', 'alpine', '--vmid', '100']],
    ['a local container template', ['ct', 'create', 'new-1', '--os', 'debian-12', '--vmid', '201']],
  ])('a taken --vmid, with %s: exit 2', async (_, args) => {
    serveChecksumLists(s);
    const r = await run(args, { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Error: --vmid \d+ is already in use; leave --vmid out to get a free one\n$/);
  });

  it.each([
    ['a cloud image to download', ['vm', 'create', 'new-1', '--os', 'ubuntu', '--ip', 'auto']],
    ['a template to clone', ['vm', 'create', 'new-1', '--os', 'debian-12', '--ip', 'auto']],
    ['a container template to download', ['ct', 'create', 'new-1', '--os', 'alpine', '--ip', 'auto']],
  ])('--ip auto with every pool address in use, with %s: exit 2', async (_, args) => {
    serveChecksumLists(s);
    takeAddress();
    const r = await run(args, { env: labRegion(s, home, { ipPool: fullPool }) });
    expect(r).toEqual({ code: 2, stdout: '', stderr: poolFull });
  });

  it('a full region VMID range is said before the image download (exit 1: the cluster state)', async () => {
    serveChecksumLists(s);
    const r = await run(['vm', 'create', 'new-1', '--os', 'ubuntu'], {
      env: labRegion(s, home, { vmidRange: { min: 100, max: 101 } }),
    });
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        "Error: no free VMID left in the region's range 100-101\n" +
        'Widen vmidRange in the region configuration, or pass --vmid.\n',
    });
  });
});

// The remaining refusals of create, each with no write (afterEach).
describe('more refusals before any write', () => {
  const local = () => s.sim.state.storages.find((x) => x.storage === 'local')!;

  it('ct create with a template to download and no storage holding "vztmpl": exit 2', async () => {
    local().content = 'iso,backup,import';
    const r = await run(['ct', 'create', 'c-1', '--os', 'alpine'], { env });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^Error: no storage on pve1 holds "vztmpl" content to download alpine-\S+ into\n/);
  });

  it('vm create from a cloud image with no storage holding "import": exit 2', async () => {
    local().content = 'iso,vztmpl,backup';
    const r = await run(['vm', 'create', 'new-1', '--os', 'ubuntu'], { env });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      'Error: no storage on pve1 holds "import" content, which a cloud image download needs',
    );
  });

  it('every node offline: exit 2', async () => {
    for (const n of ['pve1', 'pve2', 'pve3']) s.sim.setNodeOnline(n, false);
    const r = await run(['ct', 'create', 'c-1', '--os', 'debian-12'], { env });
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'Error: no node of this cluster is online\n' });
  });

  it('--password-stdin of two lines: exit 2', async () => {
    const r = await run(['ct', 'create', 'c-1', '--os', 'debian-12', '--password-stdin'], {
      env,
      stdin: 'secret1\nsecret2\n',
    });
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'Error: --password-stdin: the password must be one line\n' });
  });

  it.each([
    [{ defaults: { node: 'pve9' } }, 'Error: the region default node "pve9" is not a node of this cluster.'],
    [{ defaults: { bridge: 'vmbr7' } }, 'Error: the region default bridge "vmbr7" is not a bridge on pve1.'],
    [{ defaults: { pool: 'nope' } }, 'Error: the region default pool "nope" does not exist.'],
    [{ ipPool: { cidr: '10.0.0.0/33', gateway: '10.0.0.1' } }, 'Error: region "lab": ipPool cidr "10.0.0.0/33"'],
  ])('a region setting that does not fit the cluster, %j: exit 2', async (extra, message) => {
    const args = ['vm', 'create', 'new-1', '--os', 'debian-12', ...('ipPool' in extra ? ['--ip', 'auto'] : [])];
    const r = await run(args, { env: labRegion(s, home, extra) });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.startsWith(message), r.stderr).toBe(true);
  });
});
