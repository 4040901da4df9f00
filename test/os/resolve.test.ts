// --os resolution against a region's sources: family → newest version, family-version, unknown.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { CATALOG } from '../../src/os/catalog.js';
import { catalogSources, resolveOs, templateSources, type OsSource } from '../../src/os/resolve.js';
import type { Guest } from '../../src/api/guests.js';

const template = (vmid: number, name: string, tags: string[], node = 'pve1') =>
  ({ vmid, name, tags, node, type: 'qemu', template: true }) as unknown as Guest;

const vmSources = (): OsSource[] => [
  ...templateSources([template(9000, 'debian-12-cloud', ['os-debian', 'os-debian-12']), template(100, 'web-1', [])]),
  ...catalogSources(),
];

describe('resolveOs', () => {
  it('a family picks its newest version (the cloud image of debian 13 over the debian 12 template)', () => {
    const r = resolveOs('debian', 'vm', vmSources());
    expect(r.os).toBe('debian-13');
    expect(r.sources.map((s) => s.kind)).toEqual(['cloud-image']);
  });

  it('family-version gives every source of that version, template first', () => {
    const r = resolveOs('debian-12', 'vm', vmSources());
    expect(r.sources.map((s) => `${s.kind} ${s.detail}`)).toEqual([
      'template debian-12-cloud',
      'cloud-image https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2',
    ]);
  });

  it('ubuntu-24 matches 24.04; rockylinux is rocky', () => {
    expect(resolveOs('ubuntu-24', 'vm', vmSources()).os).toBe('ubuntu-24.04');
    expect(resolveOs('rockylinux', 'vm', vmSources()).os).toBe('rocky-9');
  });

  it('an unknown OS is a usage error listing what is valid', () => {
    let err: unknown;
    try {
      resolveOs('windows-11', 'vm', vmSources());
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toBe(
      '--os "windows-11": no VM template or cloud image for it in this region. Valid: alma-9, debian-12, ' +
        'debian-13, fedora-43, ' +
        'rocky-9, ubuntu-22.04, ubuntu-24.04 (or a family: alma, debian, fedora, rocky, ubuntu)',
    );
    expect(() => resolveOs('debian-11', 'vm', vmSources())).toThrow(/Valid: alma-9, debian-12/);
  });

  it('does not mix VM and CT sources', () => {
    expect(() => resolveOs('debian', 'ct', vmSources())).toThrow(/Valid: \(none\)/);
  });
});

describe('catalog', () => {
  it('has official https URLs, import-safe file names, a checksum source and a default user for each image', () => {
    for (const c of CATALOG) {
      const vendors = [
        'cloud.debian.org',
        'cloud-images.ubuntu.com',
        'dl.rockylinux.org',
        'repo.almalinux.org',
        'download.fedoraproject.org',
      ];
      expect(c.url).toMatch(/^https:\/\/[^/]+\//);
      expect(vendors).toContain(new URL(c.url).hostname);
      expect(c.filename).toMatch(/^[a-zA-Z0-9\-.+=_]+\.qcow2$/); // QUIRKS E5
      expect(c.checksum.listUrl).toMatch(/^https:\/\//);
      expect(c.user).toMatch(/^[a-z]+$/);
    }
    expect(CATALOG.map((c) => `${c.family}-${c.version}:${c.user}`)).toEqual([
      'debian-12:debian',
      'debian-13:debian',
      'ubuntu-22.04:ubuntu',
      'ubuntu-24.04:ubuntu',
      'rocky-9:rocky',
      'alma-9:almalinux',
      'fedora-43:fedora',
    ]);
  });
});
