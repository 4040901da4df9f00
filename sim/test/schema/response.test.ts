import { describe, expect, it } from 'vitest';
import { haveSchema, schema } from './real-schema.js';

const resources = (): Array<Record<string, unknown>> => [
  {
    id: 'node/pve1',
    type: 'node',
    node: 'pve1',
    status: 'online',
    cpu: 0.12,
    maxcpu: 8,
    mem: 2e9,
    maxmem: 16e9,
    disk: 1e9,
    maxdisk: 1e11,
    uptime: 1000,
    level: '',
    'cgroup-mode': 2,
    'host-arch': 'x86_64',
  },
  {
    id: 'qemu/100',
    type: 'qemu',
    vmid: 100,
    node: 'pve1',
    name: 'web-1',
    status: 'running',
    template: 0,
    tags: 'a;b',
    cpu: 0.5,
    maxcpu: 2,
    mem: 1073741824,
    maxmem: 2147483648,
    memhost: 1e9,
    disk: 0,
    maxdisk: 34359738368,
    netin: 1,
    netout: 2,
    diskread: 3,
    diskwrite: 4,
    uptime: 55,
  },
  // QUIRKS C1: a guest on an offline node has only a few fields
  { id: 'lxc/300', type: 'lxc', vmid: '300', node: 'pve3', status: 'unknown' },
  {
    id: 'storage/pve1/local',
    type: 'storage',
    node: 'pve1',
    storage: 'local',
    plugintype: 'dir',
    content: 'iso,vztmpl,backup',
    shared: 0,
    status: 'available',
    disk: '3.47726673451418e+15',
    maxdisk: 3.47726673451418e15,
  },
  { id: '/pool/dev', type: 'pool', pool: 'dev', extra: { anything: true } },
];

describe.skipIf(!haveSchema)('validateResponse against the real schema', () => {
  const s = schema!;

  it('accepts a plausible /cluster/resources answer (numeric strings, 0/1 booleans, extra fields)', () => {
    expect(s.validateResponse('GET', '/cluster/resources', resources())).toEqual([]);
  });

  it('reports a missing required field and a value outside the enum', () => {
    const data = resources();
    delete data[1]!.id;
    data[2]!.type = 'vm';
    expect(s.validateResponse('GET', '/cluster/resources', data)).toEqual([
      'data[1].id: required property is missing',
      "data[2].type: value 'vm' is not one of 'node, storage, pool, qemu, lxc, openvz, sdn, network'",
    ]);
  });

  it('reports wrong types, tolerating what real servers send', () => {
    const data = resources();
    data[1]!.vmid = 'hundred';
    data[1]!.template = 'yes';
    data[1]!.cpu = '0.5'; // numeric string: fine
    expect(s.validateResponse('GET', '/cluster/resources', data)).toEqual([
      'data[1].vmid: expected integer, got "hundred"',
      'data[1].template: expected boolean, got "yes"',
    ]);
    expect(s.validateResponse('GET', '/cluster/resources', { id: 'x' })).toEqual([
      'data: expected array, got an object',
    ]);
  });

  it('checks nested objects and scalar returns', () => {
    expect(s.validateResponse('GET', '/cluster/nextid', '105')).toEqual([]); // QUIRKS B1
    expect(s.validateResponse('GET', '/cluster/nextid', 'abc')).toEqual(['data: expected integer, got "abc"']);
    const status = { status: 'running', vmid: 100, ha: { managed: 0 }, qmpstatus: 'paused', agent: 1, balloon: 5 };
    expect(s.validateResponse('GET', '/nodes/pve1/qemu/100/status/current', status)).toEqual([]);
    expect(
      s.validateResponse('GET', '/nodes/pve1/qemu/100/status/current', { ...status, status: 'paused', ha: undefined }),
    ).toEqual([
      'data.ha: required property is missing',
      "data.status: value 'paused' is not one of 'stopped, running'",
    ]);
    expect(
      s.validateResponse('POST', '/nodes/pve1/qemu/100/status/start', 'UPID:pve1:1:2:3:qmstart:100:root@pam:'),
    ).toEqual([]);
    expect(s.validateResponse('PUT', '/nodes/pve1/qemu/100/config', null)).toEqual([]);
    expect(s.validateResponse('PUT', '/nodes/pve1/qemu/100/config', { x: 1 })).toEqual([
      'data: expected null, got an object',
    ]);
  });

  it('maps numbered keys of a config onto net[n]/scsi[n]', () => {
    const cfg = {
      digest: 'abc',
      memory: '2048',
      net0: 'virtio=BC:24:11:2E:C5:4A,bridge=vmbr0',
      scsi0: 'local-lvm:vm-100-disk-0,size=32G',
      cores: 2,
    };
    expect(s.validateResponse('GET', '/nodes/pve1/qemu/100/config', cfg)).toEqual([]);
    expect(s.validateResponse('GET', '/nodes/pve1/qemu/100/config', { ...cfg, cores: 'two' })).toEqual([
      'data.cores: expected integer, got "two"',
    ]);
  });

  it('tolerates the documented null answer and flags unknown endpoints', () => {
    expect(s.validateResponse('GET', '/nodes/pve1/lxc/300/interfaces', null)).toEqual([]);
    expect(s.validateResponse('GET', '/cluster/resources', null)).toEqual([
      'data: null where the schema declares array',
    ]);
    expect(s.validateResponse('GET', '/nope', {})).toEqual(['GET /nope is not in the schema']);
  });
});
