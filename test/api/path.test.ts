// Paths stay inside /api2/json: a "." or ".." segment, raw or percent-encoded (once or more), is
// refused wherever a path is built (apiPath) or sent (the client), and UPIDs are parsed as
// Proxmox's own decoder does (pve-common src/PVE/UPID.pm, sub decode: the node is a host name and
// no field holds "/").
import { describe, expect, it } from 'vitest';
import { apiPath, checkApiPath } from '../../src/api/path.js';
import { parseUpid } from '../../src/api/upid.js';
import { PveClient } from '../../src/api/client.js';
import { UsageError } from '../../src/errors.js';

const UPID = 'UPID:pve1:00001234:00ABCDEF:6B000000:qmstart:100:root@pam!pvectl:';

describe('checkApiPath', () => {
  it.each([
    '/../../_sim/faults',
    '/nodes/..',
    '/nodes/./pve1',
    '/%2e%2e/%2e%2e/_sim/faults',
    '/%2E%2E/x',
    '/.%2e/x',
    '/nodes/pve1%2f..%2f..',
    '/nodes/..\\x',
    '/%252e%252e/x',
    '/nodes/%25252e%25252e/x',
  ])('refuses %j with a usage error', (path) => {
    expect(() => checkApiPath(path)).toThrow(UsageError);
  });

  it.each([
    '/cluster/resources',
    '/nodes/pve1/storage/local/content/local%3Aiso%2Fdebian-12.iso',
    `/nodes/pve1/tasks/${encodeURIComponent(UPID)}/status`,
    '/nodes/pve1/qemu/100/snapshot/before..upgrade',
    '/access/ticket',
    '/',
  ])('lets %j through unchanged', (path) => {
    expect(checkApiPath(path)).toBe(path);
  });

  it('names the segment it refused', () => {
    expect(() => checkApiPath('/%2e%2e/_sim')).toThrow(
      'API path "/%2e%2e/_sim" has a ".." segment; pvectl only sends paths inside /api2/json, ' +
        'without "." or ".." segments (raw or percent-encoded)',
    );
  });
});

describe('apiPath', () => {
  it('refuses a value that is a dot segment (encodeURIComponent leaves dots alone)', () => {
    const node = '..';
    expect(() => apiPath`/nodes/${node}/qemu`).toThrow(UsageError);
    expect(() => apiPath`/nodes/${'pve1/..'}/qemu`).toThrow(UsageError);
    expect(apiPath`/nodes/${'pve1'}/qemu/${100}/status/current`).toBe('/nodes/pve1/qemu/100/status/current');
  });
});

describe('the client', () => {
  it('refuses such a path before anything is sent, even under --dry-run', async () => {
    const sent: string[] = [];
    const described: string[] = [];
    const client = new PveClient({
      regionName: 'lab',
      baseUrl: 'https://pve.test:8006',
      tokenId: 'root@pam!pvectl',
      tokenSecret: 'secret-of-the-path-test',
      fetch: async (url) => {
        sent.push(url);
        throw new Error('nothing may be sent');
      },
      clock: { now: () => 0, sleep: async () => {} },
      dryRun: (c) => described.push(c.path),
    });
    await expect(client.get('/%2e%2e/%2e%2e/_sim/faults')).rejects.toThrow(UsageError);
    await expect(client.post('/nodes/../../_sim/faults', { latencyMs: 1 })).rejects.toThrow(UsageError);
    expect(sent).toEqual([]);
    expect(described).toEqual([]);
  });
});

describe('parseUpid', () => {
  it('reads a UPID as Proxmox writes it', () => {
    expect(parseUpid(UPID)).toMatchObject({ node: 'pve1', type: 'qmstart', id: '100', user: 'root@pam!pvectl' });
  });

  it.each([
    'UPID:pve1/..:00001234:00ABCDEF:6B000000:qmstart:100:root@pam!pvectl:',
    'UPID:..:00001234:00ABCDEF:6B000000:qmstart:100:root@pam!pvectl:',
    'UPID:-pve1:00001234:00ABCDEF:6B000000:qmstart:100:root@pam!pvectl:',
    'UPID:pve1:00001234:00ABCDEF:6B000000:qmstart:../..:root@pam!pvectl:',
    'UPID:pve1:00001234:00ABCDEF:6B000000:qm/start:100:root@pam!pvectl:',
    'UPID:pve1:00001234:00ABCDEF:6B000000:qmstart:100:root@pam/..:',
  ])('refuses %j (a host name for the node, no "/" in any field)', (upid) => {
    expect(parseUpid(upid)).toBeNull();
  });
});
