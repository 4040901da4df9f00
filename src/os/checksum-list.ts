// Vendors' checksum lists, parsed without any I/O. Two formats cover the catalog:
//   GNU coreutils (Debian SHA512SUMS, Ubuntu SHA256SUMS): `HEX  file` or `HEX *file` (binary mode)
//   BSD tag style (Rocky, Alma and Fedora CHECKSUM):      `SHA256 (file) = HEX`
// Fedora's list is PGP clear-signed and has `# file: N bytes` comments; lines that are neither
// format are skipped, so the armour does not matter.

export type ChecksumAlgorithm = 'sha256' | 'sha512';

const HEX_LENGTH: Record<ChecksumAlgorithm, number> = { sha256: 64, sha512: 128 };

export interface ChecksumEntry {
  file: string;
  algorithm: ChecksumAlgorithm;
  /** lower-case hex */
  value: string;
}

const GNU_RE = /^([0-9a-f]+) [ *](.+)$/i;
const BSD_RE = /^(SHA256|SHA512) ?\((.+)\) ?= ?([0-9a-f]+)$/i;

/** Every well-formed entry of a list, in order; a value of the wrong length for its algorithm is skipped. */
export function parseChecksumList(text: string, gnuAlgorithm: ChecksumAlgorithm): ChecksumEntry[] {
  const out: ChecksumEntry[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const bsd = BSD_RE.exec(line);
    if (bsd) {
      const algorithm = bsd[1]!.toLowerCase() as ChecksumAlgorithm;
      if (bsd[3]!.length === HEX_LENGTH[algorithm])
        out.push({ file: baseName(bsd[2]!), algorithm, value: bsd[3]!.toLowerCase() });
      continue;
    }
    // a GNU list does not say its algorithm: the file's name does (SHA256SUMS), and the length must fit
    const gnu = GNU_RE.exec(line);
    if (gnu && gnu[1]!.length === HEX_LENGTH[gnuAlgorithm]) {
      out.push({ file: baseName(gnu[2]!.trim()), algorithm: gnuAlgorithm, value: gnu[1]!.toLowerCase() });
    }
  }
  return out;
}

/**
 * The value for `file` with `algorithm`, or undefined when the list has no such line. With
 * `perImage` (a list published for one image alone) its single entry counts even under another
 * name: the versioned file a rolling "latest" name links to.
 */
export function findChecksum(
  text: string,
  file: string,
  algorithm: ChecksumAlgorithm,
  perImage = false,
): string | undefined {
  const entries = parseChecksumList(text, algorithm).filter((e) => e.algorithm === algorithm);
  const named = entries.find((e) => e.file === file);
  if (named) return named.value;
  const distinct = new Set(entries.map((e) => e.value));
  return perImage && distinct.size === 1 ? entries[0]!.value : undefined;
}

/** "./a/b.qcow2" → "b.qcow2": lists name files relative to themselves. */
function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The file name at the end of a URL, as checksum lists name it. */
export function urlFileName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
}
