// os list: what --os accepts in the region and where each comes from, as table and JSON.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';
import { homeWithKey, serveChecksumLists } from '../commands/create-helpers.js';

let s: InProcessSim;
beforeEach(() => {
  s = startInProcessSim();
  serveChecksumLists(s);
});
afterEach(() => {
  expect(s.sim.requestLog.filter((e) => e.violation || e.method !== 'GET')).toEqual([]);
  s.close();
});

describe('os list', () => {
  it('--type ct: local templates and the appliance index, newest versions first', async () => {
    const r = await run(['os', 'list', '--type', 'ct'], { env: s.env });
    expect(r).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'OS            TYPE  SOURCE          NODE/STORAGE  DETAIL',
        'alpine-3.22   ct    download        pve1          alpine-3.22-default_20250617_amd64.tar.xz',
        'debian-13     ct    download        pve1          debian-13-standard_13.1-2_amd64.tar.zst',
        'debian-12     ct    local template  pve1/local    local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst',
        'debian-12     ct    download        pve1          debian-12-standard_12.12-1_amd64.tar.zst',
        'rocky-9       ct    download        pve1          rockylinux-9-default_20240912_amd64.tar.xz',
        'ubuntu-24.04  ct    download        pve1          ubuntu-24.04-standard_24.04-2_amd64.tar.zst',
        'ubuntu-22.04  ct    download        pve1          ubuntu-22.04-standard_22.04-1_amd64.tar.zst',
        '',
      ].join('\n'),
    });
  });

  it('--type vm -o json: template VMs and the catalog, with the fields of the table', async () => {
    const r = await run(['os', 'list', '--type', 'vm', '-o', 'json'], { env: s.env });
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(rows.map((x) => `${x.os} ${x.source}`)).toEqual([
      'alma-9 cloud image',
      'debian-13 cloud image',
      'debian-12 template VM 9000',
      'debian-12 cloud image',
      'fedora-43 cloud image',
      'rocky-9 cloud image',
      'ubuntu-24.04 cloud image',
      'ubuntu-22.04 cloud image',
    ]);
    expect(rows[2]).toEqual({
      os: 'debian-12',
      type: 'vm',
      source: 'template VM 9000',
      node: 'pve1',
      storage: null,
      detail: 'debian-12-cloud',
    });
  });

  it('shows where a catalog image was downloaded already', async () => {
    const created = await run(['vm', 'create', 'u-1', '--os', 'ubuntu-22.04', '--node', 'pve2', '--no-start'], {
      env: { ...s.env, HOME: homeWithKey() },
    });
    expect(created.code).toBe(0);
    s.sim.requestLog.length = 0;
    const r = await run(['os', 'list', '--type', 'vm', '-o', 'tsv', '--columns', 'os,location,detail'], { env: s.env });
    expect(r.stdout).toContain(
      'ubuntu-22.04\tpve2/local\tlocal:import/ubuntu-22.04-server-cloudimg-amd64.qcow2 (from ' +
        'https://cloud-images.ubuntu.com/jammy/current/jammy-server-cloudimg-amd64.img)\n',
    );
  });
});
