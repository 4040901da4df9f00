import { describe, expect, it } from 'vitest';
import { startSim, useMsw } from './harness.js';
import { encodeText } from '../src/routes/downloads.js';

useMsw();

const CLOUD = 'https://cloud.debian.org/images/cloud/trixie/latest/debian-13-genericcloud-amd64.qcow2';

describe('storage', () => {
  it('lists storages with a content filter, and the bridge vmbr0', async () => {
    const api = startSim();
    const all = await api.get('/nodes/pve1/storage');
    expect(all.map((s: any) => [s.storage, s.type, s.shared, s.active])).toEqual([
      ['local', 'dir', 0, 1],
      ['local-lvm', 'lvmthin', 0, 1],
    ]);
    expect(all[0].content).toBe('iso,vztmpl,backup,import,snippets');
    expect((await api.get('/nodes/pve1/storage', { content: 'images' })).map((s: any) => s.storage)).toEqual([
      'local-lvm',
    ]);
    expect((await api.get('/nodes/pve1/storage', { content: 'import' })).map((s: any) => s.storage)).toEqual(['local']);
    const net = await api.get('/nodes/pve2/network');
    expect(net.find((i: any) => i.iface === 'vmbr0')).toMatchObject({ type: 'bridge', active: 1 });
    const tmpl = await api.get('/nodes/pve1/storage/local/content', { content: 'vztmpl' });
    expect(tmpl).toEqual([
      expect.objectContaining({
        volid: 'local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst',
        format: 'tzst',
        content: 'vztmpl',
      }),
    ]);
    const images = await api.get('/nodes/pve1/storage/local-lvm/content', { content: 'images' });
    expect(images.map((v: any) => v.volid)).toContain('local-lvm:base-9000-disk-0');
    expect(await api.get('/nodes/pve2/storage/local/content', { content: 'vztmpl' })).toEqual([]);
  });

  it('serves the appliance index and downloads a template with a download task', async () => {
    const api = startSim();
    const apl = await api.get('/nodes/pve2/aplinfo');
    expect(apl.map((a: any) => a.os)).toEqual([
      'debian-12',
      'debian-13',
      'ubuntu-22.04',
      'ubuntu-24.04',
      'alpine-3.22',
      'rockylinux-9',
    ]);
    expect(apl[0]).toMatchObject({
      template: 'debian-12-standard_12.12-1_amd64.tar.zst',
      section: 'system',
      type: 'lxc',
      package: 'debian-12-standard',
      version: '12.12-1',
      sha512sum: expect.stringMatching(/^[0-9a-f]{128}$/),
    });
    const upid = await api.post('/nodes/pve2/aplinfo', {
      storage: 'local',
      template: 'ubuntu-24.04-standard_24.04-2_amd64.tar.zst',
    });
    expect(upid).toContain(':download:');
    const t = await api.waitTask(upid);
    expect(t.exitstatus).toBe('OK');
    expect(t.lines.some((l) => /^downloaded \d+% of [\d.]+ MiB/.test(l))).toBe(true);
    const content = await api.get('/nodes/pve2/storage/local/content', { content: 'vztmpl' });
    expect(content.map((c: any) => c.volid)).toEqual(['local:vztmpl/ubuntu-24.04-standard_24.04-2_amd64.tar.zst']);
    expect(
      (
        await api.call('POST', '/nodes/pve2/aplinfo', {
          storage: 'local-lvm',
          template: 'ubuntu-24.04-standard_24.04-2_amd64.tar.zst',
        })
      ).status,
    ).toBe(500);
  });

  it('download-url: filename rules, progress lines, refuses an existing file inside the task', async () => {
    const api = startSim();
    const img = await api.call('POST', '/nodes/pve1/storage/local/download-url', {
      url: CLOUD,
      content: 'import',
      filename: 'debian-13.img',
    });
    expect(img.status).toBe(400);
    expect(img.body.errors).toEqual({ filename: 'invalid filename or wrong extension' });
    const iso = await api.call('POST', '/nodes/pve1/storage/local/download-url', {
      url: CLOUD,
      content: 'iso',
      filename: 'x.qcow2',
    });
    expect(iso.body.errors).toEqual({ filename: 'wrong file extension' });
    const lvm = await api.call('POST', '/nodes/pve1/storage/local-lvm/download-url', {
      url: CLOUD,
      content: 'import',
      filename: 'd.qcow2',
    });
    expect(lvm.statusText).toBe("storage 'local-lvm' is not configured for content-type 'import'");
    const params = {
      url: CLOUD,
      content: 'import',
      filename: 'debian-13.qcow2',
      checksum: 'ab12',
      'checksum-algorithm': 'sha512',
    };
    const upid = await api.post('/nodes/pve1/storage/local/download-url', params);
    expect(upid).toMatch(/^UPID:pve1:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:download:debian-13\.qcow2:root@pam!pvectl:$/);
    const first = await api.waitTask(upid);
    expect(first.exitstatus).toBe('OK');
    expect(first.lines[0]).toBe(`downloading ${CLOUD} to /var/lib/vz/import/debian-13.qcow2`);
    expect(first.lines).toContain('checksum verified');
    expect(first.lines.filter((l) => l.startsWith('downloaded '))).toHaveLength(5);
    const again = await api.run('POST', '/nodes/pve1/storage/local/download-url', params);
    expect(again.exitstatus).toBe("refusing to override existing file '/var/lib/vz/import/debian-13.qcow2'");
    const bad = await api.run('POST', '/nodes/pve1/storage/local/download-url', {
      ...params,
      filename: 'other.qcow2',
      checksum: '0000',
    });
    expect(bad.exitstatus).toMatch(/^checksum mismatch/);
  });

  it('download-url task ids are the file name through encode_text (no ":" inside a UPID)', async () => {
    expect(encodeText('debian-13.qcow2')).toBe('debian-13.qcow2');
    expect(encodeText('a:b é\t.iso')).toBe('a%3Ab %C3%A9%09.iso');
    const api = startSim();
    const upid = await api.post('/nodes/pve2/storage/local/download-url', {
      url: 'https://example.com/x.iso',
      content: 'iso',
      filename: 'boot:1.iso',
    });
    expect(upid.split(':').slice(5, 7)).toEqual(['download', 'boot%3A1.iso']);
    expect((await api.waitTask(upid)).exitstatus).toBe('OK');
  });
});

describe('HA and pools', () => {
  it('lists HA resources and status, adds a resource that the manager then starts', async () => {
    const api = startSim({ taskMs: 40 });
    expect(await api.get('/cluster/ha/resources')).toEqual([
      expect.objectContaining({ sid: 'vm:103', type: 'vm', state: 'started' }),
    ]);
    const status = await api.get('/cluster/ha/status/current');
    expect(status.map((s: any) => s.type)).toEqual(['quorum', 'master', 'lrm', 'lrm', 'lrm', 'service']);
    expect(status.at(-1)).toMatchObject({ sid: 'vm:103', node: 'pve3', state: 'started' });
    expect(await api.post('/cluster/ha/resources', { sid: 'vm:102', state: 'started' })).toBeNull();
    const dup = await api.call('POST', '/cluster/ha/resources', { sid: '102' });
    expect(dup.statusText).toBe("resource ID 'vm:102' already defined");
    const entry = async () => (await api.get('/cluster/resources', { type: 'vm' })).find((r: any) => r.vmid === 102);
    expect(await entry()).toMatchObject({ hastate: 'request_start', status: 'stopped' });
    await api.clock.advance(80);
    expect(await entry()).toMatchObject({ hastate: 'started', status: 'running' });
    await api.del('/cluster/ha/resources/vm:102');
    expect((await entry()).hastate).toBeUndefined();
  });

  it('creates pools, adds and removes members, refuses to delete a non-empty pool', async () => {
    const api = startSim();
    expect((await api.get('/pools')).map((p: any) => p.poolid)).toEqual(['prod', 'dev']);
    expect((await api.get('/pools'))[0].members).toBeUndefined();
    const [prod] = await api.get('/pools', { poolid: 'prod' });
    expect(prod.members).toEqual([expect.objectContaining({ id: 'qemu/100', type: 'qemu', vmid: 100, node: 'pve1' })]);
    await api.post('/pools', { poolid: 'test', comment: 'tmp' });
    expect((await api.call('POST', '/pools', { poolid: 'test' })).statusText).toBe("pool 'test' already exists");
    const moved = await api.call('PUT', '/pools', { poolid: 'test', vms: '100,102' });
    expect(moved.statusText).toBe('VM 100 is already a pool member');
    await api.put('/pools', { poolid: 'test', vms: '100,102', 'allow-move': 1 });
    expect((await api.get('/pools', { poolid: 'test' }))[0].members.map((m: any) => m.vmid)).toEqual([100, 102]);
    expect((await api.call('DELETE', '/pools', { poolid: 'test' })).statusText).toBe('pool is not empty');
    await api.put('/pools', { poolid: 'test', vms: '100;102', delete: 1 });
    expect(await api.del('/pools', { poolid: 'test' })).toBeNull();
    expect((await api.get('/pools')).map((p: any) => p.poolid)).toEqual(['prod', 'dev']);
  });
});
