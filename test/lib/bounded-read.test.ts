// Files and streams the user points pvectl at are read only up to a bound (`--ssh-key /dev/zero`
// read ~600 MB before it was refused).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { KiB, readFileBounded, readFileBoundedSync, readStreamBounded } from '../../src/lib/bounded-read.js';

const file = (bytes: number) => {
  const path = join(mkdtempSync(join(tmpdir(), 'pvectl-bounded-')), 'f');
  writeFileSync(path, 'x'.repeat(bytes));
  return path;
};

describe('bounded reads', () => {
  it('a file up to the limit is read whole', async () => {
    expect(await readFileBounded(file(4 * KiB), 4 * KiB, 'f')).toHaveLength(4 * KiB);
    expect(readFileBoundedSync(file(4 * KiB), 4 * KiB, 'f')).toHaveLength(4 * KiB);
  });

  it('one byte more is exit 2, naming the input and the limit', async () => {
    const big = file(4 * KiB + 1);
    await expect(readFileBounded(big, 4 * KiB, '--ssh-key k.pub')).rejects.toThrow(
      new UsageError('--ssh-key k.pub is larger than 4 KiB, too large for what it should hold; nothing was sent.'),
    );
    expect(() => readFileBoundedSync(big, 4 * KiB, 'CA file x')).toThrow(/^CA file x is larger than 4 KiB/);
  });

  it('an endless device stops at the limit', async () => {
    await expect(readFileBounded('/dev/zero', 64 * KiB, '--ssh-key /dev/zero')).rejects.toBeInstanceOf(UsageError);
    expect(() => readFileBoundedSync('/dev/zero', 64 * KiB, 'CA file /dev/zero')).toThrow(UsageError);
  });

  it('a stream is read to its end, or refused and no longer read past the limit', async () => {
    expect(await readStreamBounded(Readable.from(['ab', 'cd']), 4, 'stdin')).toBe('abcd');
    let pulled = 0;
    const endless = new Readable({
      read() {
        pulled += 1;
        this.push(Buffer.alloc(KiB));
      },
    });
    await expect(readStreamBounded(endless, 16 * KiB, 'stdin')).rejects.toThrow(/^stdin is larger than 16 KiB/);
    expect(pulled).toBeLessThan(40); // stopped: not read on and on
    expect(endless.destroyed).toBe(true);
    const empty = new PassThrough();
    empty.end();
    expect(await readStreamBounded(empty, 4, 'stdin')).toBe('');
  });
});
