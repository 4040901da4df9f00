// OS names: parsing --os, version order, and the OS of appliance templates and template VMs.
import { describe, expect, it } from 'vitest';
import { applianceOs, compareVersions, parseOsName, templateOs, versionMatches } from '../../src/os/names.js';

describe('parseOsName', () => {
  it.each([
    ['debian', { family: 'debian', version: '' }],
    ['debian-12', { family: 'debian', version: '12' }],
    ['Ubuntu-24.04', { family: 'ubuntu', version: '24.04' }],
    ['alpine-3.22', { family: 'alpine', version: '3.22' }],
    ['rockylinux-9', { family: 'rocky', version: '9' }],
    ['almalinux', { family: 'alma', version: '' }],
  ])('%s', (input, expected) => expect(parseOsName(input)).toEqual(expected));
});

describe('versions', () => {
  it('compares numerically, part by part', () => {
    const sorted = ['3.9', '3.22', '22.04', '24.04', '9', '12', '13'].sort(compareVersions);
    expect(sorted).toEqual(['3.9', '3.22', '9', '12', '13', '22.04', '24.04']);
  });

  it('a version matches itself and more precise ones only', () => {
    expect(versionMatches('24', '24.04')).toBe(true);
    expect(versionMatches('24.04', '24.04')).toBe(true);
    expect(versionMatches('2', '24.04')).toBe(false);
    expect(versionMatches('', '12')).toBe(true);
  });
});

describe('applianceOs', () => {
  it.each([
    [
      { os: 'debian-12', template: 'debian-12-standard_12.12-1_amd64.tar.zst' },
      { family: 'debian', version: '12' },
    ],
    [{ os: 'rockylinux-9' }, { family: 'rocky', version: '9' }],
    [{ template: 'alpine-3.22-default_20250617_amd64.tar.xz' }, { family: 'alpine', version: '3.22' }],
    [{ template: 'ubuntu-24.04-standard_24.04-2_amd64.tar.zst' }, { family: 'ubuntu', version: '24.04' }],
    [{ template: 'archlinux-base_20240911-1_amd64.tar.zst' }, { family: 'archlinux', version: '' }],
  ])('%j', (entry, expected) => expect(applianceOs(entry)).toEqual(expected));
});

describe('templateOs', () => {
  it('prefers the most precise os- tag', () => {
    expect(templateOs('whatever', ['os-debian', 'os-debian-12'])).toEqual({ family: 'debian', version: '12' });
  });
  it('falls back to a name like debian-12-cloud or ubuntu-24.04', () => {
    expect(templateOs('debian-12-cloud', [])).toEqual({ family: 'debian', version: '12' });
    expect(templateOs('ubuntu-24.04', ['prod'])).toEqual({ family: 'ubuntu', version: '24.04' });
  });
  it('a family tag alone gets its version from the name', () => {
    expect(templateOs('rocky-9-base', ['os-rocky'])).toEqual({ family: 'rocky', version: '9' });
    expect(templateOs('golden', ['os-rocky'])).toEqual({ family: 'rocky', version: '' });
  });
  it('names that are not an OS do not count', () => {
    expect(templateOs('web-1', [])).toBeUndefined();
    expect(templateOs('db-12', [])).toBeUndefined();
  });
});
