import { describe, expect, it } from 'vitest';
import { checkFormat, isKnownFormat, splitList, unknownFormats } from '../../src/schema/formats.js';
import { parsePropertyString } from '../../src/schema/property-string.js';
import type { FormatMap } from '../../src/schema/types.js';

const ok = (fmt: string, v: string): void => expect(checkFormat(fmt, v, 'p'), `${fmt} should accept '${v}'`).toBeNull();
const bad = (fmt: string, v: string): void =>
  expect(checkFormat(fmt, v, 'p'), `${fmt} should reject '${v}'`).toMatch(/\n$/);

// [format, accepted values, rejected values]
const table: Array<[string, string[], string[]]> = [
  ['pve-node', ['pve1', 'a', 'node-2'], ['pve_1', 'pve1.example.com', '-a', 'a-', '']],
  ['pve-vmid', ['100', '999999999'], ['99', '0100', '1000000000', 'abc']],
  ['pve-storage-id', ['local', 'local-lvm', 'ceph.pool_1'], ['l', '1local', 'local-', 'a b']],
  ['pve-configid', ['snap1', 'before_upgrade', 'a-b'], ['a', '1abc', 'a.b']],
  ['pve-poolid', ['dev', 'dev/team', 'a/b/c', 'x.y_z-1'], ['a/b/c/d', 'a b', '/a']],
  ['dns-name', ['web-1', 'a.example.com'], ['my_vm', '-a', 'a..b', 'a.']],
  ['pve-tag', ['prod', 'Web_1', 'v1.2+x'], ['-x', 'a/b', '']],
  ['pve-tag-list', ['a;b', 'a,b c', '', 'a;'], ['a;-b', 'a;b/c']],
  ['urlencoded', ['ssh-ed25519%20AAAA%2Bx%40h', "a-_.!~*'()"], ['a b', 'a+b', 'a@b', 'a\nb']],
  ['pve-configid-list', ['ide2,net1', 'ide2;net1 net2'], ['ide2,1x']],
  ['pve-vmid-list', ['100,101;102'], ['100,99']],
  ['pve-storage-id-list', ['local,local-lvm'], ['local,x']],
  ['disk-size', ['10', '10G', '1.5T', '528K'], ['10X', '+10G', 'G', '1.G']],
  ['pve-volume-id', ['local:iso/x.iso', 'local-lvm:vm-100-disk-0'], ['x.iso', 'l:x', 'local:']],
  ['pve-volume-id-or-qm-path', ['none', 'cdrom', '/dev/sdb', 'local-lvm:32'], ['x.iso']],
  ['pve-volume-id-or-absolute-path', ['/var/lib/x.qcow2', 'local:import/d.qcow2'], ['none', 'x.qcow2']],
  ['pve-bridge-id', ['vmbr0', 'vmbr0.100', 'br_x-1'], ['vmbr 0', 'a/b']],
  [
    'mac-addr',
    ['BC:24:11:2E:C5:4A', 'bc:24:11:2e:c5:4a'],
    ['01:00:00:00:00:00', 'BC:24:11:2E:C5', 'BC-24-11-2E-C5-4A'],
  ],
  ['ipv4', ['192.0.2.1', '0.0.0.0'], ['192.0.2.256', '01.2.3.4', '1.2.3']],
  [
    'ipv6',
    ['::', '::1', 'fe80::1', '2001:db8::192.0.2.1', '1:2:3:4:5:6:7:8'],
    ['1:2:3:4:5:6:7:8:9', 'fe80::1%eth0', ':::'],
  ],
  ['ip', ['192.0.2.1', '2001:db8::1'], ['host']],
  ['CIDR', ['192.0.2.0/24', '2001:db8::/64'], ['192.0.2.0', '192.0.2.0/7', '192.0.2.0/33', '::/129']],
  ['CIDRv4', ['10.0.0.0/8'], ['2001:db8::/64']],
  ['CIDRv6', ['2001:db8::/64'], ['10.0.0.0/8']],
  [
    'pve-qm-ipconfig',
    ['ip=dhcp', 'ip=192.0.2.10/24,gw=192.0.2.1', 'ip6=auto', 'ip6=2001:db8::2/64,gw6=2001:db8::1', ''],
    ['ip=192.0.2.10', 'gw=192.0.2.1', 'ip=dhcp,mtu=1500', 'dhcp'],
  ],
  ['address-list', ['192.0.2.1 2001:db8::1', 'ns1.example.com'], ['a_b']],
  [
    'pve-userid',
    ['root@pam', 'alice@pve', 'bob.x@ldap-1'],
    ['root', 'a@b', 'ro ot@pam', 'a:b@pam', `${'a'.repeat(62)}@pve`],
  ],
  ['pve-tokenid', ['root@pam!pvectl'], ['root@pam', 'root@pam!1x']],
  ['email', ['a.b+c@example.com'], ['a@', 'a b@x.com']],
  ['pve-storage-content', ['images', 'rootdir', 'vztmpl', 'iso', 'backup', 'snippets', 'import'], ['disks']],
  ['pve-storage-content-list', ['images,rootdir'], ['images,disks']],
  ['pve-startup-order', ['1', 'order=3,up=30,down=60', 'up=5'], ['0', '', 'order=x', 'first']],
  [
    'pve-qm-boot',
    ['order=scsi0;ide2;net0', 'cdn', 'order=virtio15;hostpci3;usb0'],
    ['order=efidisk0', 'order=scsi31', 'xyz', 'order=foo'],
  ],
  ['storage-pair-list', ['local-lvm', '1', 'local-lvm:zfs,local:local'], ['a:b:c', 'local:x']],
  ['pve-priv-list', ['VM.Audit,VM.PowerMgmt', 'Sys.Modify'], ['VM.Fly', 'vm.audit']],
  ['pve-realm', ['pam', 'pve', 'my-ldap.1'], ['1x', 'a']],
  ['email-opt', ['', 'a@b.c'], ['nope@']],
  ['pve-ha-resource-or-vm-id', ['vm:100', 'ct:101', '100'], ['vm100', 'VM:100', 'vm: 1']],
  ['pve-qm-cicustom', ['user=local:snippets/u.yaml,network=local:snippets/n.yaml'], ['user=u.yaml', 'other=local:x']],
];

describe('named formats', () => {
  it.each(table)('%s', (fmt, good, wrong) => {
    expect(isKnownFormat(fmt)).toBe(true);
    for (const v of good) ok(fmt, v);
    for (const v of wrong) bad(fmt, v);
  });

  it('produces PVE-like messages', () => {
    expect(checkFormat('pve-vmid', '99', 'vmid')).toBe('value does not look like a valid VM ID\n');
    expect(checkFormat('urlencoded', 'a b', 'sshkeys')).toBe('invalid urlencoded string: a b\n');
    expect(checkFormat('pve-storage-id', 'x', 'storage')).toBe("storage ID 'x' contains illegal characters\n");
    expect(checkFormat('pve-qm-ipconfig', 'ip=1.2.3.4', 'ipconfig0')).toBe(
      'format error\nipconfig0.ip: invalid format - value does not look like a valid ipv4 network configuration\n\n',
    );
  });

  it('accepts unknown named formats and remembers them', () => {
    expect(isKnownFormat('pve-lxc-mp-string')).toBe(false);
    expect(checkFormat('pve-lxc-mp-string', 'anything at all', 'rootfs')).toBeNull();
    expect(unknownFormats.has('pve-lxc-mp-string')).toBe(true);
  });

  it('splits lists like PVE::Tools::split_list', () => {
    expect(splitList(' a, b;c  d;')).toEqual(['a', 'b', 'c', 'd']);
    expect(splitList('')).toEqual([]);
    expect(splitList('a b\0c d\0')).toEqual(['a b', 'c d']);
  });
});

describe('property strings', () => {
  const net: FormatMap = {
    model: { type: 'string', default_key: 1, enum: ['virtio', 'e1000'] },
    virtio: { alias: 'macaddr', keyAlias: 'model' },
    e1000: { alias: 'macaddr', keyAlias: 'model' },
    macaddr: { type: 'string', format: 'mac-addr', optional: 1 },
    firewall: { type: 'boolean', optional: 1 },
    tag: { type: 'integer', minimum: 1, maximum: 4094, optional: 1 },
  };
  const parse = (v: string): string | null => parsePropertyString(net, v, 'net0');

  it('accepts the default key, key aliases and lenient booleans', () => {
    expect(parse('virtio')).toBeNull();
    expect(parse('model=e1000,tag=5')).toBeNull();
    expect(parse('virtio=BC:24:11:2E:C5:4A,firewall=yes')).toBeNull();
    expect(parse('e1000,firewall=OFF,,')).toBeNull();
  });

  it('reports parse errors the way parse_property_string dies', () => {
    expect(parse('virtio,e1000')).toBe('duplicate key in comma-separated list property: model\n');
    expect(parse('tag=1,tag=2,virtio')).toBe('duplicate key in comma-separated list property: tag\n');
    expect(parse('model=virtio,e1000=BC:24:11:2E:C5:4A')).toBe("key alias 'model' is already defined\n");
    expect(parse('virtio,tag=')).toBe('missing key in comma-separated list property\n');
    expect(parse('virtio,colour=red')).toBe('invalid key in comma-separated list property: colour\n');
    expect(parsePropertyString({ a: { type: 'string' } }, 'x', 'p')).toBe(
      'value without key, but schema does not define a default key\n',
    );
  });

  it('collects per-key errors under "<param>.<key>"', () => {
    expect(parse('firewall=maybe,tag=5000')).toBe(
      'format error\nnet0.model: property is missing and it is not optional\n' +
        "net0.firewall: type check ('boolean') failed - got 'maybe'\nnet0.tag: value must have a maximum " +
        'value of 4094\n',
    );
    expect(parse('virtio=01:00:00:00:00:00')).toMatch(
      /net0\.macaddr: invalid format - value does not look like a valid unicast MAC/,
    );
  });
});

describe('property strings with keys that look like Object.prototype members', () => {
  it('treats them as ordinary unknown keys', () => {
    expect(parsePropertyString({ a: { type: 'string', default_key: 1 } }, 'x,constructor=1', 'p')).toBe(
      'invalid key in comma-separated list property: constructor\n',
    );
  });
});
