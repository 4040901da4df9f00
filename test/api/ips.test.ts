import { describe, expect, it } from 'vitest';
import { PveClient } from '../../src/api/client.js';
import { agentEnabled, guestIps, isRoutable, primaryMac, staticIps } from '../../src/api/ips.js';
import type { FetchLike } from '../../src/api/transport.js';
import { systemClock } from '../../src/context.js';

type Answer = { status: number; statusText?: string; body?: unknown };

function fakeClient(routes: Record<string, Answer>) {
  const seen: string[] = [];
  const fetch: FetchLike = async (url) => {
    const path = new URL(url).pathname.replace('/api2/json', '');
    seen.push(path);
    const a = routes[path] ?? { status: 500, statusText: `no route ${path}` };
    return {
      status: a.status,
      statusText: a.statusText ?? 'OK',
      headers: { get: () => null },
      text: async () => (a.body === undefined ? '' : JSON.stringify(a.body)),
    };
  };
  const client = new PveClient({
    regionName: 't',
    baseUrl: 'https://pve.test:8006',
    tokenId: 'a@pam!b',
    tokenSecret: 's',
    fetch,
    clock: systemClock,
    readTries: 1,
  });
  return { client, seen };
}

const vm = { node: 'pve1', type: 'qemu' as const, vmid: 100, status: 'running' };
const ct = { node: 'pve1', type: 'lxc' as const, vmid: 200, status: 'running' };
const AGENT = '/nodes/pve1/qemu/100/agent/network-get-interfaces';

const qga = [
  {
    name: 'lo',
    'hardware-address': '00:00:00:00:00:00',
    'ip-addresses': [
      { 'ip-address': '127.0.0.1', 'ip-address-type': 'ipv4', prefix: 8 },
      { 'ip-address': '::1', 'ip-address-type': 'ipv6', prefix: 128 },
    ],
  },
  {
    name: 'docker0',
    'hardware-address': '02:42:ac:11:00:01',
    'ip-addresses': [{ 'ip-address': '172.17.0.1', 'ip-address-type': 'ipv4', prefix: 16 }],
  },
  { name: 'eth1' }, // no ip-addresses right after boot
  {
    name: 'eth0',
    'hardware-address': 'bc:24:11:2e:c5:4a',
    'ip-addresses': [
      { 'ip-address': 'fe80::be24:11ff:fe2e:c54a', 'ip-address-type': 'ipv6', prefix: 64 },
      { 'ip-address': '2001:db8::10', 'ip-address-type': 'ipv6', prefix: 64 },
      { 'ip-address': '192.0.2.10', 'ip-address-type': 'ipv4', prefix: 24 },
      { 'ip-address': '169.254.3.4', 'ip-address-type': 'ipv4', prefix: 16 },
    ],
  },
];

describe('guestIps (qemu)', () => {
  const config = { agent: '1', net0: 'virtio=BC:24:11:2E:C5:4A,bridge=vmbr0', ipconfig0: 'ip=dhcp' };

  it('chooses the addresses of the NIC with net0 MAC, IPv4 before IPv6, skipping loopback and link-local', async () => {
    const { client } = fakeClient({ [AGENT]: { status: 200, body: { data: { result: qga } } } });
    expect(await guestIps(client, vm, config)).toEqual(['192.0.2.10', '2001:db8::10']);
  });

  it('without a NIC matching net0, uses the other NICs, container bridges only as a last resort', async () => {
    const { client } = fakeClient({ [AGENT]: { status: 200, body: { data: { result: qga } } } });
    const otherMac = { ...config, net0: 'virtio=AA:AA:AA:AA:AA:AA,bridge=vmbr0' };
    expect(await guestIps(client, vm, otherMac)).toEqual(['192.0.2.10', '2001:db8::10']);
    const onlyDocker = qga.filter((n: { name: string }) => n.name === 'lo' || n.name.startsWith('docker'));
    const { client: c2 } = fakeClient({ [AGENT]: { status: 200, body: { data: { result: onlyDocker } } } });
    expect(await guestIps(c2, vm, otherMac)).toEqual(['172.17.0.1']);
  });

  it('treats agent 500s as "no addresses yet" and falls back to the static address', async () => {
    const { client } = fakeClient({ [AGENT]: { status: 500, statusText: 'QEMU guest agent is not running' } });
    expect(await guestIps(client, vm, { ...config, ipconfig0: 'ip=192.0.2.50/24,gw=192.0.2.1' })).toEqual([
      '192.0.2.50',
    ]);
    expect(await guestIps(client, vm, config)).toEqual([]);
  });

  it('does not ask the agent when it is disabled or the VM is stopped', async () => {
    const { client, seen } = fakeClient({});
    expect(await guestIps(client, vm, { ...config, agent: 'enabled=0' })).toEqual([]);
    expect(
      await guestIps(
        client,
        { ...vm, status: 'stopped' },
        { ...config, ipconfig0: 'ip=192.0.2.7/24,ip6=2001:db8::7/64' },
      ),
    ).toEqual(['192.0.2.7', '2001:db8::7']);
    expect(seen).toEqual([]);
  });

  it('passes other failures on (they are not "no IPs")', async () => {
    const { client } = fakeClient({ [AGENT]: { status: 403, statusText: 'Permission check failed' } });
    await expect(guestIps(client, vm, config)).rejects.toThrow(/permission denied/);
  });
});

describe('guestIps (lxc)', () => {
  const IFACES = '/nodes/pve1/lxc/200/interfaces';
  const config = { net0: 'name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:01,ip=dhcp,type=veth' };

  it(
    'reads the interfaces list: the NIC with net0 hwaddr, else the others (legacy inet keys when ip-addresses ' +
      'is absent)',
    async () => {
      const { client } = fakeClient({
        [IFACES]: {
          status: 200,
          body: {
            data: [
              { name: 'lo', hwaddr: '00:00:00:00:00:00', inet: '127.0.0.1/8' },
              { name: 'eth1', hwaddr: 'bc:24:11:00:00:02', inet: '10.0.0.5/8' },
              {
                name: 'eth0',
                hwaddr: 'bc:24:11:00:00:01',
                'hardware-address': 'bc:24:11:00:00:01',
                'ip-addresses': [{ 'ip-address': '192.0.2.20', 'ip-address-type': 'inet', prefix: 24 }],
              },
            ],
          },
        },
      });
      expect(await guestIps(client, ct, config)).toEqual(['192.0.2.20']);
      expect(await guestIps(client, ct, { net0: 'name=eth0,bridge=vmbr0,ip=dhcp' })).toEqual([
        '10.0.0.5',
        '192.0.2.20',
      ]);
    },
  );

  it('treats data: null (stopped) as no live addresses and uses the static net0 ip', async () => {
    const { client } = fakeClient({ [IFACES]: { status: 200, body: { data: null } } });
    expect(
      await guestIps(client, ct, { net0: 'name=eth0,hwaddr=BC:24:11:00:00:01,ip=192.0.2.21/24,gw=192.0.2.1' }),
    ).toEqual(['192.0.2.21']);
  });
});

describe('helpers', () => {
  it('agentEnabled accepts the lenient forms', () => {
    expect(['1', 1, 'enabled=1', 'enabled=yes,fstrim_cloned_disks=1', 'on', 'true'].map(agentEnabled)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect([undefined, null, '0', 0, 'enabled=0', 'fstrim_cloned_disks=1'].map(agentEnabled)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('primaryMac reads model=MAC, macaddr= and hwaddr=', () => {
    expect(primaryMac('qemu', { net0: 'virtio=BC:24:11:2E:C5:4A,bridge=vmbr0,firewall=1' })).toBe('bc:24:11:2e:c5:4a');
    expect(primaryMac('qemu', { net0: 'model=virtio,macaddr=AA:BB:CC:DD:EE:FF' })).toBe('aa:bb:cc:dd:ee:ff');
    expect(primaryMac('lxc', { net0: 'name=eth0,hwaddr=BC:24:11:00:00:01' })).toBe('bc:24:11:00:00:01');
    expect(primaryMac('qemu', {})).toBeUndefined();
  });

  it('staticIps ignores dhcp, auto and manual', () => {
    expect(staticIps('qemu', { ipconfig0: 'ip=dhcp,ip6=auto' })).toEqual([]);
    expect(staticIps('lxc', { net0: 'name=eth0,ip=manual' })).toEqual([]);
  });

  it('isRoutable', () => {
    expect(['127.0.0.1', '127.5.5.5', '169.254.1.1', '::1', 'fe80::1', 'FEBF::1'].map(isRoutable)).toEqual(
      Array(6).fill(false),
    );
    expect(['10.0.0.1', '192.0.2.1', '2001:db8::1', 'fec0::1', 'fe8::1'].map(isRoutable)).toEqual(Array(5).fill(true));
  });
});
