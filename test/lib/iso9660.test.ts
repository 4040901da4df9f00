// The ISO 9660 writer, read back with Debian's own tools (isoinfo from genisoimage, xorriso): the
// volume id, both name trees (primary and Joliet) and every file's bytes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isoName, writeIso } from '../../src/lib/iso9660/write.js';

const files = [
  { name: 'user-data', data: Buffer.from('#cloud-config\nhostname: web-1\n') },
  { name: 'meta-data', data: Buffer.from('instance-id: x\n') },
  { name: 'network-config', data: Buffer.from('a'.repeat(5000)) }, // spans three sectors
];

function imageFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'iso-')), 'seed.iso');
  writeFileSync(file, writeIso(files, { volumeId: 'cidata' }));
  return file;
}

const run = (cmd: string, args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8', stdio: 'pipe' });

describe('writeIso', () => {
  it('is read by isoinfo: volume id, Joliet names and contents', () => {
    const iso = imageFile();
    expect(run('isoinfo', ['-d', '-i', iso])).toMatch(/Volume id: cidata/);
    expect(run('isoinfo', ['-d', '-i', iso])).toMatch(/Joliet with UCS level 3 found/);
    const joliet = run('isoinfo', ['-J', '-f', '-i', iso]).split('\n').filter(Boolean).sort();
    expect(joliet).toEqual(['/meta-data', '/network-config', '/user-data']);
    const primary = run('isoinfo', ['-f', '-i', iso]).split('\n').filter(Boolean).sort();
    expect(primary).toEqual(['/META_DATA.;1', '/NETWORK_CONFIG.;1', '/USER_DATA.;1']);
    for (const f of files) expect(run('isoinfo', ['-J', '-x', `/${f.name}`, '-i', iso])).toBe(f.data.toString());
  });

  it('is read by xorriso without complaint, files extracted byte for byte', () => {
    const iso = imageFile();
    const out = join(mkdtempSync(join(tmpdir(), 'iso-out-')), 'user-data');
    const log = execFileSync('xorriso', ['-indev', iso, '-osirrox', 'on', '-extract', '/user-data', out], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(log).not.toMatch(/SORRY|FAILURE/);
    expect(run('cat', [out])).toBe(files[0]!.data.toString());
    const report = execFileSync('xorriso', ['-indev', iso, '-pvd_info'], { encoding: 'utf8', stdio: 'pipe' });
    expect(report).toMatch(/Volume Id\s*:\s*cidata/);
  });

  it('gives the same bytes for the same files in any order', () => {
    const a = writeIso(files, { volumeId: 'cidata' });
    const b = writeIso([...files].reverse(), { volumeId: 'cidata' });
    expect(a.equals(b)).toBe(true);
    expect(a.length % 2048).toBe(0);
  });

  it('makes ISO names of d-characters with a version', () => {
    expect(isoName('user-data')).toBe('USER_DATA.;1');
    expect(isoName('a.b.txt')).toBe('A_B.TXT;1');
  });

  it('refuses a volume id ISO 9660 cannot hold', () => {
    expect(() => writeIso(files, { volumeId: 'has space' })).toThrow(/volume id/);
  });
});
