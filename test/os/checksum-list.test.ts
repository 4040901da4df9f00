// The vendors' checksum list formats, parsed without I/O.
import { describe, expect, it } from 'vitest';
import { findChecksum, parseChecksumList, urlFileName } from '../../src/os/checksum-list.js';

const H256 = 'a'.repeat(63) + 'b';
const H512 = 'c'.repeat(127) + 'd';
const OTHER256 = '1'.repeat(64);

describe('checksum lists', () => {
  it('GNU style (Debian SHA512SUMS): "HEX  file"', () => {
    const text = `${'e'.repeat(128)}  debian-12-genericcloud-amd64.raw\n${H512}  debian-12-genericcloud-amd64.qcow2\n`;
    expect(findChecksum(text, 'debian-12-genericcloud-amd64.qcow2', 'sha512')).toBe(H512);
  });

  it('GNU binary mode (Ubuntu SHA256SUMS): "HEX *file", CRLF and upper-case hex', () => {
    const text =
      `${OTHER256} *noble-server-cloudimg-amd64.tar.gz\r\n${H256.toUpperCase()} ` +
      `*noble-server-cloudimg-amd64.img\r\n`;
    expect(findChecksum(text, 'noble-server-cloudimg-amd64.img', 'sha256')).toBe(H256);
  });

  it('BSD tag style (Rocky, Alma): "SHA256 (file) = HEX"', () => {
    const text =
      `SHA256 (AlmaLinux-9-GenericCloud-9.6-20250522.x86_64.qcow2) = ${OTHER256}\nSHA256 ` +
      `(AlmaLinux-9-GenericCloud-latest.x86_64.qcow2) = ${H256}\n`;
    expect(findChecksum(text, 'AlmaLinux-9-GenericCloud-latest.x86_64.qcow2', 'sha256')).toBe(H256);
  });

  it('Fedora CHECKSUM: PGP clear-signed, comments, BSD lines', () => {
    const text = [
      '-----BEGIN PGP SIGNED MESSAGE-----',
      'Hash: SHA256',
      '',
      '# Fedora-Cloud-Base-Generic-43-1.6.x86_64.qcow2: 574423040 bytes',
      `SHA256 (Fedora-Cloud-Base-Generic-43-1.6.x86_64.qcow2) = ${H256}`,
      '# Fedora-Cloud-Base-Generic-43-1.6.x86_64.raw.xz: 1 bytes',
      `SHA256 (Fedora-Cloud-Base-Generic-43-1.6.x86_64.raw.xz) = ${OTHER256}`,
      '-----BEGIN PGP SIGNATURE-----',
      '',
      'iQIzBAEBCAAdFiEEFvfJD4c4kkvd',
      '=abcd',
      '-----END PGP SIGNATURE-----',
      '',
    ].join('\n');
    expect(findChecksum(text, 'Fedora-Cloud-Base-Generic-43-1.6.x86_64.qcow2', 'sha256')).toBe(H256);
    expect(parseChecksumList(text, 'sha256').map((e) => e.file)).toEqual([
      'Fedora-Cloud-Base-Generic-43-1.6.x86_64.qcow2',
      'Fedora-Cloud-Base-Generic-43-1.6.x86_64.raw.xz',
    ]);
  });

  it('no line for the file, or only one of another algorithm or length: undefined', () => {
    expect(findChecksum(`${H256}  other.qcow2\n`, 'mine.qcow2', 'sha256')).toBeUndefined();
    expect(findChecksum(`SHA512 (mine.qcow2) = ${H512}\n`, 'mine.qcow2', 'sha256')).toBeUndefined();
    expect(findChecksum(`${H256}  mine.qcow2\n`, 'mine.qcow2', 'sha512')).toBeUndefined();
    expect(findChecksum(`SHA256 (mine.qcow2) = ${H256.slice(1)}\n`, 'mine.qcow2', 'sha256')).toBeUndefined();
    expect(findChecksum('<html>Not Found</html>', 'mine.qcow2', 'sha256')).toBeUndefined();
  });

  it('a per-image list (Rocky): its single entry counts under the versioned name; two entries do not', () => {
    const one =
      `# Rocky-9-GenericCloud-Base-9.6-20250531.0.x86_64.qcow2: 1 bytes\nSHA256 ` +
      `(Rocky-9-GenericCloud-Base-9.6-20250531.0.x86_64.qcow2) = ${H256}\n`;
    const latest = 'Rocky-9-GenericCloud-Base.latest.x86_64.qcow2';
    expect(findChecksum(one, latest, 'sha256', true)).toBe(H256);
    expect(findChecksum(one, latest, 'sha256', false)).toBeUndefined();
    expect(
      findChecksum(`${one}SHA256 (Rocky-9-GenericCloud-LVM.x86_64.qcow2) = ${OTHER256}\n`, latest, 'sha256', true),
    ).toBeUndefined();
  });

  it('names files by the last part of the URL, as lists do', () => {
    expect(urlFileName('https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img')).toBe(
      'noble-server-cloudimg-amd64.img',
    );
    expect(findChecksum(`${H256}  ./sub/x.img\n`, 'x.img', 'sha256')).toBe(H256);
  });
});
