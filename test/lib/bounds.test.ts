// Every number a user gives is finite and inside what Proxmox VE accepts (issue 8 §1): the limits
// come from apidoc.json (VMID 100-999999999, memory minimum 16 MiB), qemu-server's 4 TiB memory
// cap, exact byte counts (2^53) for sizes, and Node's largest timer (2^31-1 ms) for durations.
import { describe, expect, it } from 'vitest';
import { vmid } from '../../src/commands/runner.js';
import { UsageError } from '../../src/errors.js';
import { MAX_DURATION_MS, parseDuration } from '../../src/lib/durations.js';
import { parseDiskGiB, parseDiskResize, parseMemoryMiB, parseSize } from '../../src/lib/sizes.js';

const usage = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error('expected a UsageError');
};

describe('sizes', () => {
  it('a size that overflows to Infinity is refused, not sent', () => {
    expect(Number('9'.repeat(400))).toBe(Infinity); // what "--disk 999…9T" parsed as
    expect(usage(() => parseDiskGiB('9'.repeat(400) + 'T'))).toMatch(/^--disk: "9+T" is too large; the most is 8192T$/);
    expect(usage(() => parseDiskGiB('9999999999999999999999T'))).toMatch(/too large/);
    expect(usage(() => parseDiskResize('+9999999999999999999999T'))).toMatch(/too large/);
    expect(usage(() => parseMemoryMiB('9'.repeat(400), '--mem'))).toMatch(/too large/);
  });

  it('8192T is the largest size, and prints as Proxmox writes sizes', () => {
    expect(parseSize('8192T', 'G', '--disk')).toBe(2 ** 53);
    expect(parseDiskResize('+8192T').param).toBe('+8192T');
    expect(usage(() => parseSize('8193T', 'G', '--disk'))).toMatch(/too large/);
  });

  it('memory is 16 MiB to 4 TiB', () => {
    expect(parseMemoryMiB('16')).toBe(16);
    expect(parseMemoryMiB('4T')).toBe(4 * 1024 * 1024);
    expect(usage(() => parseMemoryMiB('4097G'))).toBe('--mem: "4097G" is more than the maximum of 4T (4194304 MiB)');
    expect(usage(() => parseMemoryMiB('15M'))).toMatch(/minimum of 16 MiB/);
  });
});

describe('durations', () => {
  it.each(['0', '0s', '0ms', '0.0001s', '0m0s'])('%s is refused: there is no time to wait in', (text) => {
    expect(usage(() => parseDuration(text))).toBe(`--timeout: "${text}" must be longer than 0, e.g. 90s or 10m`);
  });

  it("what overflows Node's timer is refused (30d fired after 1 ms)", () => {
    expect(usage(() => parseDuration('30d', '--request-timeout'))).toBe(
      '--request-timeout: "30d" is too long; the most is 24d (2147483647 ms)',
    );
    expect(usage(() => parseDuration('9'.repeat(400) + 'd'))).toMatch(/too long/);
    expect(usage(() => parseDuration('9'.repeat(400)))).toMatch(/too long/);
    expect(parseDuration('24d')).toBe(24 * 86_400_000);
    expect(parseDuration(`${MAX_DURATION_MS}ms`)).toBe(MAX_DURATION_MS);
    expect(usage(() => parseDuration(`${MAX_DURATION_MS + 1}ms`))).toMatch(/too long/);
    expect(parseDuration('1ms')).toBe(1);
  });
});

describe('--vmid', () => {
  const parse = vmid('--vmid');
  it('takes 100 to 999999999, as the schema says', () => {
    expect(parse('100')).toBe(100);
    expect(parse('999999999')).toBe(999_999_999);
  });
  it.each([
    ['99', '--vmid 99: VMIDs start at 100'],
    ['0', '--vmid 0: VMIDs start at 100'],
    ['1000000000', '--vmid: "1000000000" must be a whole number from 100 to 999999999'],
    ['9'.repeat(400), `--vmid: "${'9'.repeat(400)}" must be a whole number from 100 to 999999999`],
    ['1e3', '--vmid: "1e3" must be a whole number from 100 to 999999999'],
    ['-5', '--vmid: "-5" must be a whole number from 100 to 999999999'],
  ])('%s is refused', (value, message) => {
    expect(usage(() => parse(value))).toBe(message);
  });
});
