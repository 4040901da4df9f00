import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PassThrough } from 'node:stream';
import { percentOf, progress } from '../../src/output/progress.js';
import type { GlobalOptions } from '../../src/context.js';

function fakeCtx(opts: { tty: boolean; quiet?: boolean }) {
  const out = { stdout: '', stderr: '' };
  /** both streams in the order written, as a terminal shows them */
  const events: string[] = [];
  let now = 1_000_000;
  const ctx = {
    io: {
      stdout: { write: (s: string) => (events.push(`stdout: ${s}`), (out.stdout += s)) },
      stderr: { write: (s: string) => (events.push(`stderr: ${s}`), (out.stderr += s)) },
      stdin: new PassThrough(),
      stdoutTTY: opts.tty,
      stderrTTY: opts.tty,
      stdinTTY: opts.tty,
      columns: 80,
    },
    globals: { quiet: opts.quiet === true } as GlobalOptions,
    clock: { now: () => now, sleep: async () => {} },
  };
  return { ctx, out, events, advance: (ms: number) => (now += ms) };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('progress', () => {
  it('prints one plain line per finished step when stderr is not a TTY', () => {
    const { ctx, out } = fakeCtx({ tty: false });
    const p = progress(ctx);
    p.step('Cloning template 9000');
    p.update('52%');
    p.log('downloaded 60% of 2.0 GiB');
    p.done('cloned');
    p.step('Starting');
    p.out('100 web-1\n');
    p.fail('VM 100 already running');
    p.stop();
    expect(out.stderr).toBe('Cloning template 9000: cloned\nStarting: VM 100 already running\n');
    expect(out.stdout).toBe('100 web-1\n');
  });

  it('draws a spinner with detail and elapsed time on a TTY and clears it before stdout', () => {
    const { ctx, out, advance } = fakeCtx({ tty: true });
    const p = progress(ctx);
    p.step('Downloading debian-12');
    p.log('downloaded 52% of 2.0 GiB');
    advance(3_000);
    p.update('52%');
    vi.advanceTimersByTime(100);
    expect(out.stderr).toContain('Downloading debian-12 (0s)');
    expect(out.stderr).toMatch(/\r\x1b\[2K. Downloading debian-12 52% \(3s\)$/);
    p.out('result\n');
    expect(out.stderr).toMatch(/52% \(3s\)\r\x1b\[2K$/);
    expect(out.stdout).toBe('result\n');
    p.done('downloaded');
    expect(out.stderr.endsWith('\r\x1b[2K✓ downloaded (3s)\n')).toBe(true);
  });

  it('after out() the spinner comes back with the next frame; after stop() it never does', () => {
    const { ctx, out, events } = fakeCtx({ tty: true });
    const p = progress(ctx);
    p.step('Deleting 2 VMs');
    p.out('100 web-1 deleted\n');
    expect(events.at(-1)).toBe('stdout: 100 web-1 deleted\n');
    vi.advanceTimersByTime(100);
    expect(events.at(-1)).toMatch(/^stderr: \r\x1b\[2K. Deleting 2 VMs \(0s\)$/);
    p.out('101 web-2 deleted\n');
    p.stop();
    vi.advanceTimersByTime(1000);
    expect(events.slice(-2)).toEqual(['stderr: \r\x1b[2K', 'stdout: 101 web-2 deleted\n']);
  });

  it('is silent with -q', () => {
    const { ctx, out } = fakeCtx({ tty: true, quiet: true });
    const p = progress(ctx);
    p.step('x');
    p.done('y');
    p.fail('z');
    p.out('data\n');
    expect(out.stderr).toBe('');
    expect(out.stdout).toBe('data\n');
  });

  it('finds percentages in task log lines', () => {
    expect(percentOf('downloaded 52% of 2.0GiB')).toBe('52%');
    expect(percentOf('drive-scsi0: transferred 1.0 GiB of 32.0 GiB (3.13%) in 2s')).toBe('3%');
    expect(percentOf('progress 99% (read 1 bytes)')).toBe('99%');
    expect(percentOf('starting VM 100')).toBeUndefined();
  });
});
