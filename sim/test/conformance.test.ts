// The simulator's own answers checked against the official schema's return descriptions.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSchema } from '../src/schema/index.js';
import type { ApiSchema } from '../src/schema/index.js';
import { startSim, useMsw, type Api } from './harness.js';

useMsw();

let schema: ApiSchema | null = null;
beforeAll(() => {
  schema = loadSchema();
  if (!schema)
    console.warn('conformance: apidoc.json not found - the simulator answers are NOT checked against the schema');
});

const GETS: [string, Record<string, unknown>?][] = [
  ['/version'],
  ['/cluster/resources'],
  ['/cluster/resources', { type: 'vm' }],
  ['/cluster/status'],
  ['/cluster/nextid'],
  ['/cluster/tasks'],
  ['/nodes'],
  ['/nodes/pve1/status'],
  ['/nodes/pve1/network'],
  ['/nodes/pve1/version'],
  ['/nodes/pve1/storage'],
  ['/nodes/pve1/storage', { content: 'images' }],
  ['/nodes/pve1/storage/local/status'],
  ['/nodes/pve1/storage/local/content'],
  ['/nodes/pve1/storage/local-lvm/content', { content: 'images' }],
  ['/nodes/pve1/aplinfo'],
  ['/nodes/pve1/qemu'],
  ['/nodes/pve1/qemu', { full: 1 }],
  ['/nodes/pve1/lxc'],
  ['/nodes/pve1/qemu/100/config'],
  ['/nodes/pve1/qemu/100/config', { current: 1 }],
  ['/nodes/pve1/qemu/100/pending'],
  ['/nodes/pve1/qemu/100/status/current'],
  ['/nodes/pve1/qemu/102/status/current'],
  ['/nodes/pve3/qemu/103/status/current'],
  ['/nodes/pve1/qemu/9000/config'],
  ['/nodes/pve1/lxc/200/config'],
  ['/nodes/pve1/lxc/200/pending'],
  ['/nodes/pve1/lxc/200/status/current'],
  ['/nodes/pve1/lxc/200/interfaces'],
  ['/nodes/pve1/qemu/100/snapshot'],
  ['/nodes/pve1/lxc/200/snapshot'],
  ['/nodes/pve1/qemu/100/migrate'],
  ['/nodes/pve1/qemu/100/agent/network-get-interfaces'],
  ['/nodes/pve1/tasks'],
  ['/nodes/pve1/tasks', { source: 'all' }],
  ['/pools'],
  ['/pools', { poolid: 'prod' }],
  ['/cluster/ha/resources'],
  ['/cluster/ha/status/current'],
  ['/access/permissions'],
  ['/access/domains'],
];

async function check(api: Api, method: string, path: string, params?: Record<string, unknown>) {
  const r = await api.call(method, path, params);
  expect(r.status, `${method} ${path}: ${r.statusText}`).toBe(200);
  return { path, problems: schema!.validateResponse(method, path, r.body.data), data: r.body.data };
}

describe('schema conformance of the simulator', () => {
  it('answers the GETs pvectl uses with data that matches the schema', async (ctx) => {
    if (!schema) return ctx.skip();
    const api = startSim({ schema, agentDelayMs: 0 });
    await api.run('POST', '/nodes/pve1/qemu/100/snapshot', { snapname: 's1', description: 'x' });
    await api.put('/nodes/pve1/qemu/100/config', { memory: 4096 });
    const bad: string[] = [];
    for (const [path, params] of GETS) {
      const { problems } = await check(api, 'GET', path, params);
      for (const p of problems) bad.push(`GET ${path}: ${p}`);
    }
    // nextid is an integer in the schema but a JSON string on the wire (QUIRKS B1), like the real server
    expect(bad.filter((b) => !b.startsWith('GET /cluster/nextid'))).toEqual([]);
    const upid = await api.post('/nodes/pve1/qemu/102/status/start');
    await api.waitTask(upid);
    const enc = encodeURIComponent(upid);
    for (const p of [`/nodes/pve1/tasks/${enc}/status`, `/nodes/pve1/tasks/${enc}/log`]) {
      expect((await check(api, 'GET', p)).problems).toEqual([]);
    }
    expect(api.sim.requestLog.filter((e) => e.violation)).toEqual([]);
  });

  it('returns UPID strings from the task-starting calls, accepted by the request validator', async (ctx) => {
    if (!schema) return ctx.skip();
    const api = startSim({ schema });
    const calls: [string, string, Record<string, unknown>][] = [
      ['POST', '/nodes/pve1/qemu/102/status/start', {}],
      [
        'POST',
        '/nodes/pve1/qemu',
        {
          vmid: 120,
          name: 'x',
          memory: 1024,
          scsi0: 'local-lvm:8',
          net0: 'virtio,bridge=vmbr0',
          ide2: 'local-lvm:cloudinit',
          ipconfig0: 'ip=dhcp',
          sshkeys: encodeURIComponent('ssh-ed25519 AAAA a@b'),
          agent: 1,
        },
      ],
      [
        'POST',
        '/nodes/pve1/lxc',
        {
          vmid: 220,
          ostemplate: 'local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst',
          rootfs: 'local-lvm:4',
          net0: 'name=eth0,bridge=vmbr0,ip=dhcp',
        },
      ],
      ['POST', '/nodes/pve1/qemu/9000/clone', { newid: 121, name: 'c' }],
      ['PUT', '/nodes/pve1/qemu/100/resize', { disk: 'scsi0', size: '+1G' }],
      ['POST', '/nodes/pve1/qemu/100/snapshot', { snapname: 'snap1' }],
      ['POST', '/nodes/pve1/lxc/200/migrate', { target: 'pve2', restart: 1 }],
      ['POST', '/nodes/pve1/aplinfo', { storage: 'local', template: 'alpine-3.22-default_20250617_amd64.tar.xz' }],
      [
        'POST',
        '/nodes/pve1/storage/local/download-url',
        { url: 'https://example.com/a.iso', content: 'iso', filename: 'a.iso' },
      ],
      ['POST', '/nodes/pve3/qemu/103/status/stop', {}],
      ['POST', '/nodes/pve1/qemu/102/config', { description: 'x' }],
      ['DELETE', '/nodes/pve2/lxc/201', { purge: 1 }],
    ];
    for (const [method, path, params] of calls) {
      const r = await api.call(method, path, params);
      expect(r.status, `${method} ${path}: ${r.statusText}`).toBe(200);
      expect(r.body.data).toMatch(/^UPID:/);
      expect(schema.validateResponse(method, path, r.body.data)).toEqual([]);
    }
    expect(api.sim.requestLog.filter((e) => e.violation)).toEqual([]);
  });

  it('refuses what the real server refuses, before reaching the routes', async (ctx) => {
    if (!schema) return ctx.skip();
    const api = startSim({ schema });
    const r = await api.call('POST', '/nodes/pve1/qemu/9000/clone', { newid: 130, full: 'True' });
    expect(r.status).toBe(400);
    expect(r.body.errors.full).toMatch(/type check \('boolean'\) failed/);
    const u = await api.call('GET', '/nodes/pve1/nope');
    expect(u.status).toBe(501);
    expect(api.sim.requestLog.at(-2)!.violation).toBeTruthy();
  });
});
