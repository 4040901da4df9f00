// storage list|show|content against the simulator: per node, a shared storage once, offline nodes said.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';

let s: InProcessSim;
const GiB = 1024 ** 3;

beforeEach(() => {
  s = startInProcessSim();
  s.sim.state.storages.push({ storage: 'pbs', type: 'pbs', content: 'backup', shared: 1, total: 1000 * GiB });
});
afterEach(() => {
  expect(s.sim.requestLog.filter((e) => e.violation)).toEqual([]);
  expect(s.sim.requestLog.filter((e) => e.method !== 'GET')).toEqual([]);
  s.close();
});

describe('storage list', () => {
  it('a local storage per node, a shared one once; raw numbers in json', async () => {
    const r = await run(['storage', 'list', '-o', 'tsv', '--columns', 'storage,node,shared,content'], { env: s.env });
    expect(r.stdout).toBe(
      'storage\tnode\tshared\tcontent\n' +
        'local\tpve1\tfalse\tbackup,import,iso,snippets,vztmpl\n' +
        'local\tpve2\tfalse\tbackup,import,iso,snippets,vztmpl\n' +
        'local\tpve3\tfalse\tbackup,import,iso,snippets,vztmpl\n' +
        'local-lvm\tpve1\tfalse\timages,rootdir\n' +
        'local-lvm\tpve2\tfalse\timages,rootdir\n' +
        'local-lvm\tpve3\tfalse\timages,rootdir\n' +
        'pbs\tall\ttrue\tbackup\n',
    );
    const json = JSON.parse((await run(['storage', 'list', '-o', 'json'], { env: s.env })).stdout);
    const pbs = json.find((x: any) => x.storage === 'pbs');
    expect(pbs).toMatchObject({
      type: 'pbs',
      node: null,
      shared: true,
      total: 1000 * GiB,
      active: true,
      enabled: true,
    });
    expect(pbs.used_fraction).toBeCloseTo(pbs.used / pbs.total);
  });

  it('an offline node is said on stderr and left out; --node filters; an unknown node is exit 3', async () => {
    s.sim.setNodeOnline('pve3', false);
    const r = await run(['storage', 'list', '-o', 'id'], { env: s.env });
    expect(r.stderr).toBe('Warning: node pve3 is offline: its storages are not shown\n');
    // -o id prints each id once (a local storage of two online nodes too)
    expect(r.stdout).toBe('local\nlocal-lvm\npbs\n');
    const one = await run(['storage', 'list', '--node', 'pve1', '-o', 'id'], { env: s.env });
    expect(one).toEqual({ code: 0, stdout: 'local\nlocal-lvm\npbs\n', stderr: '' });
    const unknown = await run(['storage', 'list', '--node', 'pve7'], { env: s.env });
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toBe('Error: no node "pve7" in region "env"\nNodes: pve1, pve2, pve3.\n');
  });
});

describe('storage show', () => {
  it('configuration and usage per node', async () => {
    const r = await run(['storage', 'show', 'local-lvm'], { env: s.env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^STORAGE: +local-lvm\nTYPE: +lvmthin\nCONTENT: +images, rootdir\nSHARED: +no\nENABLED: +yes\nVGNAME: +pve\n/,
    );
    expect(r.stdout).toMatch(/\nUsage:\n {2}NODE +USED +TOTAL +USED% +ACTIVE\n {2}pve1 /);
    const json = JSON.parse((await run(['storage', 'show', 'pbs', '-o', 'json'], { env: s.env })).stdout);
    expect(json).toMatchObject({ storage: 'pbs', type: 'pbs', datastore: 'store1', shared: true, content: ['backup'] });
    expect(json.usage).toHaveLength(1);
    const missing = await run(['storage', 'show', 'nfs'], { env: s.env });
    expect(missing).toEqual({ code: 3, stdout: '', stderr: 'Error: no storage "nfs"\nSee: pvectl storage list\n' });
  });
});

describe('storage content', () => {
  it('volumes of a storage on each node, filtered by content type and node', async () => {
    const r = await run(['storage', 'content', 'local', '--content', 'vztmpl', '-o', 'json'], { env: s.env });
    const vols = JSON.parse(r.stdout);
    expect(vols.map((v: any) => [v.volid, v.content, v.node])).toEqual([
      ['local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst', 'vztmpl', 'pve1'],
    ]);
    const disks = await run(
      ['storage', 'content', 'local-lvm', '--node', 'pve1', '-o', 'tsv', '--columns', 'volid,vmid'],
      {
        env: s.env,
      },
    );
    expect(disks.stdout.split('\n')).toContain('local-lvm:vm-100-disk-0\t100');
    expect(disks.stdout).not.toContain('vm-101-');
    const empty = await run(['storage', 'content', 'pbs'], { env: s.env, tty: true });
    expect(empty).toEqual({ code: 0, stdout: '', stderr: 'No volumes on pbs.\n' });
  });
});
