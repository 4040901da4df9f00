// Sizes as users write them (src/lib/sizes.ts).
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { parseDiskGiB, parseMemoryMiB, toProxmoxSize } from '../../src/lib/sizes.js';

describe('parseDiskGiB', () => {
  it.each([
    ['8', 8],
    ['8G', 8],
    ['20g', 20],
    ['1.5G', 1.5],
    ['1536M', 1.5],
    ['1T', 1024],
    ['2.25G', 2.25],
    // rounded up to whole MiB: 1.3 GiB = 1331.2 MiB → 1332 MiB
    ['1.3G', 1332 / 1024],
    ['1048577K', 1025 / 1024],
  ])('%s → %d GiB', (input, gib) => {
    expect(parseDiskGiB(input)).toBe(gib);
  });

  it.each(['0', '512M', '0.5', 'big', '-1G', '1.5X'])('refuses %s', (input) => {
    expect(() => parseDiskGiB(input)).toThrow(UsageError);
  });

  it('in whole MiB, as resize takes it', () => {
    expect(toProxmoxSize(parseDiskGiB('1.5G') * 1024 ** 3)).toBe('1536M');
    expect(toProxmoxSize(parseDiskGiB('20G') * 1024 ** 3)).toBe('20G');
  });
});

describe('parseMemoryMiB', () => {
  it.each([
    ['512', 512],
    ['1G', 1024],
    ['1.5G', 1536],
    ['2048M', 2048],
  ])('%s → %d MiB', (input, mib) => {
    expect(parseMemoryMiB(input)).toBe(mib);
  });

  it('refuses less than 16 MiB', () => {
    expect(() => parseMemoryMiB('8M')).toThrow(/minimum of 16 MiB/);
  });
});
