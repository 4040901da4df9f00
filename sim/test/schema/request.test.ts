import { describe, expect, it } from 'vitest';
import { haveSchema, schema } from './real-schema.js';

type Params = Record<string, unknown>;
interface Case {
  name: string;
  method: string;
  path: string;
  params: Params;
  errors?: Record<string, RegExp | string>;
}

const QEMU = '/nodes/pve1/qemu';
const LXC = '/nodes/pve1/lxc';
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG+x/y= me@host';

const valid: Case[] = [
  {
    name: 'qemu create, the pvectl way',
    method: 'POST',
    path: QEMU,
    params: {
      vmid: '100',
      name: 'web-1',
      memory: '2048',
      cores: '2',
      net0: 'virtio,bridge=vmbr0',
      scsi0: 'local-lvm:0,import-from=local:import/debian-12.qcow2',
      scsihw: 'virtio-scsi-single',
      ide2: 'local-lvm:cloudinit',
      ipconfig0: 'ip=dhcp',
      sshkeys: encodeURIComponent(KEY),
      agent: '1',
      tags: 'a;b',
      ostype: 'l26',
      boot: 'order=scsi0;ide2;net0',
      start: '1',
      ciuser: 'debian',
    },
  },
  {
    name: 'qemu create with a JSON body',
    method: 'POST',
    path: QEMU,
    params: {
      vmid: 101,
      memory: 'current=1024',
      agent: 'enabled=1,fstrim_cloned_disks=on',
      onboot: true,
      net0: 'virtio=BC:24:11:2E:C5:4A,bridge=vmbr0,firewall=1',
      ipconfig1: 'ip=192.0.2.10/24,gw=192.0.2.1,ip6=auto',
      ide2: 'none,media=cdrom',
      scsi30: 'local-lvm:32,iothread=1,discard=on',
      unused255: 'local-lvm:vm-101-disk-9',
      startup: 'order=3,up=30',
      pool: 'dev/team',
    },
  },
  {
    name: 'config update with delete list (repeated form keys joined)',
    method: 'PUT',
    path: `${QEMU}/100/config`,
    params: { delete: ['ide2', 'net1'], digest: 'a'.repeat(40) },
  },
  { name: 'resize grow', method: 'PUT', path: `${QEMU}/100/resize`, params: { disk: 'scsi0', size: '+10G' } },
  { name: 'resize absolute', method: 'PUT', path: `${QEMU}/100/resize`, params: { disk: 'virtio15', size: '50.5G' } },
  {
    name: 'clone',
    method: 'POST',
    path: `${QEMU}/100/clone`,
    params: { newid: '200', name: 'c', full: '1', target: 'pve2' },
  },
  {
    name: 'migrate with storage map',
    method: 'POST',
    path: `${QEMU}/100/migrate`,
    params: { target: 'pve2', online: '1', targetstorage: 'local-lvm:zfs,local:local' },
  },
  {
    name: 'lxc create',
    method: 'POST',
    path: LXC,
    params: {
      vmid: '300',
      ostemplate: 'local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst',
      hostname: 'ct1',
      net0: 'name=eth0,bridge=vmbr0,ip=dhcp',
      rootfs: 'local-lvm:8',
      memory: '512',
      unprivileged: '1',
      features: 'nesting=1',
      'ssh-public-keys': KEY,
      password: 'secret1',
    },
  },
  { name: 'lxc resize mp', method: 'PUT', path: `${LXC}/300/resize`, params: { disk: 'mp0', size: '+1G' } },
  { name: 'nextid', method: 'GET', path: '/cluster/nextid', params: {} },
  { name: 'nextid with vmid', method: 'GET', path: '/cluster/nextid', params: { vmid: '100' } },
  { name: 'cluster resources', method: 'GET', path: '/cluster/resources', params: { type: 'vm' } },
  { name: 'status start', method: 'POST', path: `${QEMU}/100/status/start`, params: { timeout: '30' } },
  {
    name: 'snapshot',
    method: 'POST',
    path: `${QEMU}/100/snapshot`,
    params: { snapname: 'before_upgrade', vmstate: '0' },
  },
  {
    name: 'task log',
    method: 'GET',
    path: '/nodes/pve1/tasks/UPID%3Apve1%3A00001234%3A00ABCDEF%3A6650A1B2%3Aqmstart%3A100%3Aroot%40pam%21pvectl%3A/log',
    params: { start: '0', limit: '50' },
  },
  { name: 'storage content', method: 'GET', path: '/nodes/pve1/storage/local/content', params: { content: 'vztmpl' } },
  { name: 'node storage list', method: 'GET', path: '/nodes/pve1/storage', params: { content: 'images,rootdir' } },
  {
    name: 'download-url',
    method: 'POST',
    path: '/nodes/pve1/storage/local/download-url',
    params: {
      url: 'https://example.com/d.qcow2',
      content: 'import',
      filename: 'd.qcow2',
      checksum: 'ab',
      'checksum-algorithm': 'sha256',
    },
  },
  {
    name: 'pools put',
    method: 'PUT',
    path: '/pools',
    params: { poolid: 'dev', vms: '100,101;102', 'allow-move': '1' },
  },
  { name: 'ha resource', method: 'POST', path: '/cluster/ha/resources', params: { sid: 'vm:100', state: 'started' } },
];

const NOT_DEFINED = 'property is not defined in schema and the schema does not allow additional properties';
const MISSING = 'property is missing and it is not optional';

const invalid: Case[] = [
  {
    name: 'undeclared parameter',
    method: 'POST',
    path: QEMU,
    params: { vmid: '100', bogus: '1' },
    errors: { bogus: NOT_DEFINED },
  },
  {
    name: 'index beyond the range',
    method: 'POST',
    path: QEMU,
    params: { vmid: '100', net32: 'virtio', scsi31: 'local-lvm:1', ide4: 'none' },
    errors: { net32: NOT_DEFINED, scsi31: NOT_DEFINED, ide4: NOT_DEFINED },
  },
  {
    name: 'LXC index names are not QEMU ones',
    method: 'POST',
    path: LXC,
    params: { vmid: '300', ostemplate: 'x', scsi0: 'a:1' },
    errors: { scsi0: NOT_DEFINED },
  },
  {
    name: 'boolean True at top level',
    method: 'POST',
    path: `${QEMU}/100/clone`,
    params: { newid: '200', full: 'True' },
    errors: { full: "type check ('boolean') failed - got 'True'" },
  },
  {
    name: 'JSON boolean where an integer is expected',
    method: 'POST',
    path: QEMU,
    params: { vmid: '100', cores: true },
    errors: { cores: "type check ('integer') failed - got JSON::PP::Boolean" },
  },
  {
    name: 'vmid 99 (pve-vmid format is checked before minimum)',
    method: 'POST',
    path: QEMU,
    params: { vmid: '99' },
    errors: { vmid: 'invalid format - value does not look like a valid VM ID\n' },
  },
  {
    name: 'below minimum',
    method: 'POST',
    path: QEMU,
    params: { vmid: '100', cores: '0', balloon: '-1' },
    errors: { cores: 'value must have a minimum value of 1', balloon: 'value must have a minimum value of 0' },
  },
  {
    name: 'integer type',
    method: 'POST',
    path: QEMU,
    params: { vmid: 'abc' },
    errors: { vmid: "type check ('integer') failed - got 'abc'" },
  },
  {
    name: 'array for a string',
    method: 'POST',
    path: QEMU,
    params: { vmid: '100', name: ['a', 'b'] },
    errors: { name: "type check ('string') failed - got ARRAY" },
  },
  {
    name: 'sshkeys not url-encoded (space)',
    method: 'POST',
    path: QEMU,
    params: { vmid: '100', sshkeys: KEY },
    errors: { sshkeys: /^invalid format - invalid urlencoded string: ssh-ed25519/ },
  },
  {
    name: 'sshkeys with + (form-style encoding)',
    method: 'POST',
    path: QEMU,
    params: { vmid: '100', sshkeys: 'ssh-ed25519+AAAA' },
    errors: { sshkeys: /invalid urlencoded string/ },
  },
  {
    name: 'bad tag',
    method: 'POST',
    path: QEMU,
    params: { vmid: '100', tags: 'ok;not/ok' },
    errors: { tags: 'invalid format - invalid characters in tag\n' },
  },
  {
    name: 'name is a dns-name',
    method: 'POST',
    path: QEMU,
    params: { vmid: '100', name: 'my_vm' },
    errors: { name: 'invalid format - value does not look like a valid DNS name\n' },
  },
  {
    name: 'net0 unknown model',
    method: 'POST',
    path: QEMU,
    params: { vmid: '100', net0: 'foo,bridge=vmbr0' },
    errors: {
      net0: new RegExp(
        /^invalid format - format error\n/.source +
          /net0\.model: value 'foo' does not have a value in the enumeration 'e1000, /.source,
      ),
    },
  },
  {
    name: 'net0 unknown key',
    method: 'POST',
    path: QEMU,
    params: { vmid: '100', net0: 'virtio,colour=red' },
    errors: { net0: 'invalid format - invalid key in comma-separated list property: colour\n' },
  },
  {
    name: 'net0 bad MAC via model shorthand',
    method: 'POST',
    path: QEMU,
    params: { vmid: '100', net0: 'virtio=01:00:00:00:00:00' },
    errors: {
      net0:
        'invalid format - format error\nnet0.macaddr: invalid format - value does not look like a valid ' +
        'unicast MAC address\n\n',
    },
  },
  {
    name: 'agent boolean inside a property string',
    method: 'POST',
    path: QEMU,
    params: { vmid: '100', agent: 'enabled=maybe' },
    errors: { agent: "invalid format - format error\nagent.enabled: type check ('boolean') failed - got 'maybe'\n" },
  },
  {
    name: 'memory below minimum',
    method: 'POST',
    path: QEMU,
    params: { vmid: '100', memory: '8' },
    errors: { memory: 'invalid format - format error\nmemory.current: value must have a minimum value of 16\n' },
  },
  {
    name: 'scsi0 bad volume',
    method: 'POST',
    path: QEMU,
    params: { vmid: '100', scsi0: 'local-lvm:0,import-from=debian.qcow2' },
    errors: {
      scsi0: new RegExp(
        /^invalid format - format error\n/.source +
          /scsi0\.import-from: invalid format - unable to parse volume ID 'debian\.qcow2'/.source,
      ),
    },
  },
  {
    name: 'ipconfig gw requires ip',
    method: 'POST',
    path: QEMU,
    params: { vmid: '100', ipconfig0: 'gw=192.0.2.1' },
    errors: {
      ipconfig0:
        "invalid format - format error\nipconfig0.ip: missing property - 'ipconfig0.gw' requires this property\n",
    },
  },
  {
    name: 'ipconfig bad address',
    method: 'POST',
    path: QEMU,
    params: { vmid: '100', ipconfig0: 'ip=192.0.2.300/24' },
    errors: {
      ipconfig0: /ipconfig0\.ip: invalid format - value does not look like a valid ipv4 network configuration/,
    },
  },
  {
    name: 'boot order with efidisk',
    method: 'POST',
    path: QEMU,
    params: { vmid: '100', boot: 'order=efidisk0' },
    errors: { boot: /invalid boot device 'efidisk0'/ },
  },
  {
    name: 'lxc create without ostemplate',
    method: 'POST',
    path: LXC,
    params: { vmid: '300' },
    errors: { ostemplate: MISSING },
  },
  {
    name: 'lxc net0 without name',
    method: 'POST',
    path: LXC,
    params: { vmid: '300', ostemplate: 'x', net0: 'bridge=vmbr0,ip=dhcp' },
    errors: { net0: 'invalid format - format error\nnet0.name: property is missing and it is not optional\n' },
  },
  {
    name: 'lxc net0 bridge pattern',
    method: 'POST',
    path: LXC,
    params: { vmid: '300', ostemplate: 'x', net0: 'name=eth0,bridge=vmbr 0' },
    errors: { net0: 'invalid format - format error\nnet0.bridge: value does not match the regex pattern\n' },
  },
  {
    name: 'lxc memory is a plain integer',
    method: 'POST',
    path: LXC,
    params: { vmid: '300', ostemplate: 'x', memory: 'current=512' },
    errors: { memory: "type check ('integer') failed - got 'current=512'" },
  },
  {
    name: 'resize bad size',
    method: 'PUT',
    path: `${QEMU}/100/resize`,
    params: { disk: 'scsi0', size: '10X' },
    errors: { size: 'value does not match the regex pattern' },
  },
  {
    name: 'resize missing disk',
    method: 'PUT',
    path: `${QEMU}/100/resize`,
    params: { size: '1G' },
    errors: { disk: MISSING },
  },
  {
    name: 'cluster resources type enum',
    method: 'GET',
    path: '/cluster/resources',
    params: { type: 'bogus' },
    errors: { type: "value 'bogus' does not have a value in the enumeration 'vm, storage, node, sdn'" },
  },
  {
    name: 'snapshot name too long',
    method: 'POST',
    path: `${QEMU}/100/snapshot`,
    params: { snapname: 'a'.repeat(41) },
    errors: { snapname: 'value may only be 40 characters long' },
  },
  {
    name: 'requires another parameter',
    method: 'POST',
    path: '/nodes/pve1/storage/local/download-url',
    params: { url: 'https://e/x.iso', content: 'iso', filename: 'x.iso', checksum: 'ab' },
    errors: { 'checksum-algorithm': "missing property - 'checksum' requires this property" },
  },
  {
    name: 'pools vms list',
    method: 'PUT',
    path: '/pools',
    params: { poolid: 'dev', vms: '100,abc' },
    errors: { vms: 'invalid format - value does not look like a valid VM ID\n' },
  },
  {
    name: 'storage content type',
    method: 'GET',
    path: '/nodes/pve1/storage/local/content',
    params: { content: 'disks' },
    errors: { content: "invalid format - invalid content type 'disks'\n" },
  },
];

describe.skipIf(!haveSchema)('validateRequest against the real schema', () => {
  const s = schema!;

  it.each(valid)('accepts: $name', ({ method, path, params }) => {
    expect(s.validateRequest(method, path, params)).toBeNull();
  });

  it.each(invalid)('rejects: $name', ({ method, path, params, errors }) => {
    const r = s.validateRequest(method, path, params);
    expect(r).not.toBeNull();
    expect(r!.status).toBe(400);
    expect(r!.message).toBe('Parameter verification failed.');
    expect(Object.keys(r!.errors!).sort()).toEqual(Object.keys(errors!).sort());
    for (const [key, want] of Object.entries(errors!)) {
      if (typeof want === 'string') expect(r!.errors![key]).toBe(want);
      else expect(r!.errors![key]).toMatch(want);
    }
  });

  it('reports every problem at once', () => {
    const r = s.validateRequest('POST', LXC, { net0: 'bridge=vmbr0', bogus: 1, cores: 'x' });
    expect(Object.keys(r!.errors!).sort()).toEqual(['bogus', 'cores', 'net0', 'ostemplate', 'vmid']);
  });

  it('treats JSON null as absent and ignores undefined values', () => {
    expect(s.validateRequest('POST', LXC, { vmid: '300', ostemplate: null })?.errors).toEqual({ ostemplate: MISSING });
    expect(s.validateRequest('GET', '/cluster/resources', { type: undefined })).toBeNull();
  });

  it('validates a qemu create and a status read (their speed: bench/schema.mjs)', () => {
    const create = { vmid: '100', name: 'vm-0', memory: '2048', net0: 'virtio,bridge=vmbr0' };
    expect(s.validateRequest('POST', QEMU, { ...create, scsi0: 'local-lvm:32', tags: 'a;b' })).toBeNull();
    expect(s.validateRequest('GET', `${QEMU}/100/status/current`, {})).toBeNull();
  });
});
