// The simulator as strict as a cluster about the guest agent and NoCloud seeds:
// - upload (pve-storage PVE/API2/Storage/Status.pm `upload`: multipart read as pve-http-server's
//   AnyEvent.pm file_upload_multipart does, a task of type imgcopy), the bytes back from /_sim,
//   the volume in storage content with its size, DELETE …/content/{volume} (Content.pm `delete`);
// - a VM made from a stock image (import-from) answers the agent only when a seed installs it;
// - agent/exec and exec-status (qemu-server PVE/API2/Qemu/Agent.pm `exec`, `exec-status`).
import { describe, expect, it } from 'vitest';
import { uploadBody } from '../../src/api/multipart.js';
import { pvectlCloudConfig } from '../../src/create/seed/cloud-config.js';
import { buildUserData } from '../../src/create/seed/user-data.js';
import { seedContents, seedImage } from '../../src/create/seed/build.js';
import { BASE, startSim, useMsw, waitFor, type Api } from './harness.js';

useMsw();

const seedFor = (vmid: number, ip = 'dhcp', gateway?: string) =>
  seedImage(
    seedContents(
      vmid,
      'seeded-1',
      buildUserData(pvectlCloudConfig({ vmid, hostname: 'seeded-1', user: 'ops', sshKeys: [] }), undefined),
      { ip, gateway, dns: [] },
    ),
  );

async function upload(api: Api, file: string, data: Buffer, content = 'iso') {
  const { body, contentType } = uploadBody({ content }, { name: file, data });
  const res = await fetch(`${BASE}/nodes/pve1/storage/local/upload`, {
    method: 'POST',
    headers: { authorization: `PVEAPIToken=${api.sim.token}`, 'content-type': contentType },
    body: new Uint8Array(body),
  });
  const json = (await res.json()) as { data: string };
  return { status: res.status, statusText: res.statusText, upid: json.data };
}

/** A VM made from the stock cloud image (no agent), with `cdrom` on ide2, started. */
async function stockVm(api: Api, vmid: number, cdrom?: string) {
  await api.run('POST', '/nodes/pve1/storage/local/download-url', {
    content: 'import',
    filename: 'debian-12-genericcloud-amd64.qcow2',
    url: 'https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2',
  });
  const params: Record<string, unknown> = {
    vmid,
    name: `stock-${vmid}`,
    agent: 1,
    scsi0: 'local-lvm:0,import-from=local:import/debian-12-genericcloud-amd64.qcow2',
    net0: 'virtio,bridge=vmbr0',
  };
  if (cdrom) params.ide2 = `${cdrom},media=cdrom`;
  expect((await api.run('POST', '/nodes/pve1/qemu', params)).exitstatus).toBe('OK');
  await api.run('POST', `/nodes/pve1/qemu/${vmid}/status/start`);
}

async function agentAnswer(api: Api, vmid: number) {
  return api.call('GET', `/nodes/pve1/qemu/${vmid}/agent/get-host-name`);
}

describe('upload and seeds', () => {
  it('stores the uploaded bytes, lists the volume with its size, deletes it', async () => {
    const api = startSim();
    const iso = seedFor(150);
    const up = await upload(api, 'pvectl-seed-150.iso', iso);
    expect(up.status).toBe(200);
    expect(up.upid).toMatch(/:imgcopy::/);
    expect((await api.waitTask(up.upid)).lines).toContain(`file size is: ${iso.length}`);
    expect(api.sim.volumeData('local:iso/pvectl-seed-150.iso')?.equals(iso)).toBe(true);
    const content = await api.get('/nodes/pve1/storage/local/content', { content: 'iso' });
    expect(content).toContainEqual(
      expect.objectContaining({ volid: 'local:iso/pvectl-seed-150.iso', size: iso.length }),
    );
    const del = await api.run('DELETE', '/nodes/pve1/storage/local/content/local%3Aiso%2Fpvectl-seed-150.iso');
    expect(del.lines).toContain("Removed volume 'local:iso/pvectl-seed-150.iso'");
    expect(api.sim.volumeData('local:iso/pvectl-seed-150.iso')).toBeUndefined();
  });

  it('refuses what the real server refuses: a wrong extension, a non-ISO, a block storage', async () => {
    const api = startSim();
    expect((await upload(api, 'seed.txt', seedFor(1))).status).toBe(400);
    const notIso = await upload(api, 'x.iso', Buffer.from('hello'));
    expect((await api.waitTask(notIso.upid)).exitstatus).toMatch(/not an ISO/);
  });

  it('a stock-image VM never answers the agent without a seed', async () => {
    const api = startSim({ taskMs: 5, agentDelayMs: 20 });
    await stockVm(api, 151);
    await api.clock.advance(1000); // well past every agent delay (virtual time)
    expect((await agentAnswer(api, 151)).statusText).toBe('QEMU guest agent is not running');
  });

  it('answers once a seed installed the agent, with the seed hostname; not when the mirror is down', async () => {
    const api = startSim({ taskMs: 5, agentDelayMs: 20 });
    expect((await api.call('POST', '/nodes/pve1/storage/local/upload', { content: 'iso' })).status).toBe(400);
    await api.waitTask((await upload(api, 'pvectl-seed-152.iso', seedFor(152))).upid);
    await stockVm(api, 152, 'local:iso/pvectl-seed-152.iso');
    const answer = await waitFor(async () => {
      const r = await agentAnswer(api, 152);
      return r.status === 200 && r.body.data;
    });
    expect(answer.result['host-name']).toBe('seeded-1');
    api.sim.faults.packageMirrorDown = 1;
    await api.run('POST', '/nodes/pve1/qemu/152/status/reboot');
    await api.clock.advance(1000);
    expect((await agentAnswer(api, 152)).statusText).toBe('QEMU guest agent is not running');
  });

  it('a static address without a gateway cannot reach the mirror: no agent', async () => {
    const api = startSim({ taskMs: 5, agentDelayMs: 20 });
    await api.waitTask((await upload(api, 'pvectl-seed-153.iso', seedFor(153, '192.0.2.9/24'))).upid);
    await stockVm(api, 153, 'local:iso/pvectl-seed-153.iso');
    await api.clock.advance(1000);
    expect((await agentAnswer(api, 153)).statusText).toBe('QEMU guest agent is not running');
  });
});

async function exec(api: Api, vmid: number, argv: string[], input?: string) {
  const form = new URLSearchParams();
  for (const a of argv) form.append('command', a);
  if (input !== undefined) form.append('input-data', input);
  const res = await fetch(`${BASE}/nodes/pve1/qemu/${vmid}/agent/exec`, {
    method: 'POST',
    headers: { authorization: `PVEAPIToken=${api.sim.token}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  const { data } = (await res.json()) as { data: { pid: number } };
  const first = await api.get(`/nodes/pve1/qemu/${vmid}/agent/exec-status`, { pid: data.pid });
  expect(first).toEqual({ exited: false });
  return api.get(`/nodes/pve1/qemu/${vmid}/agent/exec-status`, { pid: data.pid });
}

describe('agent exec', () => {
  it('runs the tiny command set: output, exit codes, stdin, command not found', async () => {
    const api = startSim({ taskMs: 5, agentDelayMs: 10 });
    await api.run('POST', '/nodes/pve1/qemu/100/status/reboot');
    await waitFor(async () => (await agentAnswer(api, 100)).status === 200);
    expect(await exec(api, 100, ['echo', 'hello', 'world'])).toEqual({
      exited: true,
      exitcode: 0,
      'out-data': 'hello world\n',
    });
    expect(await exec(api, 100, ['false'])).toEqual({ exited: true, exitcode: 1 });
    expect(await exec(api, 100, ['cat'], 'from stdin\n')).toMatchObject({ exitcode: 0, 'out-data': 'from stdin\n' });
    expect(await exec(api, 100, ['hostname'])).toMatchObject({ 'out-data': 'web-1\n' });
    expect(await exec(api, 100, ['rm', '-rf', '/'])).toEqual({
      exited: true,
      exitcode: 127,
      'err-data': 'rm: command not found\n',
    });
    expect(api.sim.requestLog.filter((e) => e.violation)).toEqual([]);
  });
});
