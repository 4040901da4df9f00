// findGuests (issue 13): a lookup of one guest converts only the /cluster/resources entries its
// VMID or name can match, plus nameless ones (QUIRKS C1: on an offline node), which explain a name
// that matched nothing; everything else stays raw. Same answer as filtering the full list.
import { describe, expect, it } from 'vitest';
import type { PveClient } from '../../src/api/client.js';
import { findGuests, listGuests } from '../../src/api/guests.js';

const raw = [
  { id: 'qemu/100', type: 'qemu', vmid: 100, name: 'web-1', node: 'pve1', status: 'running' },
  { id: 'lxc/101', type: 'lxc', vmid: '101', name: 'db', node: 'pve2', status: 'stopped' },
  { id: 'qemu/102', type: 'qemu', vmid: 102, name: 'web-2', node: 'pve1', status: 'running' },
  { id: 'qemu/103', type: 'qemu', vmid: 103, node: 'pve3', status: 'unknown' },
  { id: 'qemu/104', type: 'qemu', name: 'no-vmid-field', node: 'pve1', status: 'running' },
  { id: 'node/pve1', type: 'node', node: 'pve1', status: 'online' },
];
const client = { region: 'r', get: async () => raw } as unknown as PveClient;
const ids = (gs: { vmid: number }[]) => gs.map((g) => g.vmid);

describe('findGuests', () => {
  it('by VMID (a string vmid too) and by name: the matches and the nameless, in listing order', async () => {
    expect(ids(await findGuests(client, ['101']))).toEqual([101, 103]);
    expect(ids(await findGuests(client, ['web-2', '100']))).toEqual([100, 102, 103]);
    expect(ids(await findGuests(client, ['104']))).toEqual([103, 104]);
  });

  it('converts a match exactly as the full list does', async () => {
    const all = await listGuests(client);
    for (const g of await findGuests(client, ['100', 'db'])) expect(g).toEqual(all.find((x) => x.vmid === g.vmid));
  });

  it('nothing matches: only the nameless remain', async () => {
    expect(ids(await findGuests(client, ['999', 'nope']))).toEqual([103]);
  });
});
