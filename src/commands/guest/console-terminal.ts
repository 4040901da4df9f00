// The local end of a console: stdin in raw mode when it is a terminal (every key goes to the
// guest, Ctrl-C included), the terminal's size and its changes (SIGWINCH), and the signals that
// must not leave the terminal raw (SIGTERM, SIGHUP). restore() puts everything back; it is safe
// to call more than once, and also runs if the process exits some other way.
import type { ReadStream, WriteStream } from 'node:tty';
import type { Context } from '../../context.js';

export interface LocalTerminal {
  /** whether enterRaw() puts stdin in raw mode (it is a terminal) */
  raw: boolean;
  /** raw mode from now on: called once the proxy said OK, so that until then Ctrl-C still works */
  enterRaw(): void;
  size(): { cols: number; rows: number } | undefined;
  onInput(fn: (data: Buffer) => void, end: () => void): void;
  onResize(fn: () => void): void;
  onSignal(fn: (signal: string) => void): void;
  write(data: Buffer): void;
  restore(): void;
}

const SIGNALS = ['SIGTERM', 'SIGHUP'] as const;

export function openLocalTerminal(ctx: Context): LocalTerminal {
  const stdin = ctx.io.stdin as NodeJS.ReadableStream & Partial<Pick<ReadStream, 'setRawMode'>>;
  const stdout = ctx.io.stdout as Partial<Pick<WriteStream, 'columns' | 'rows'>>;
  const raw = ctx.io.stdinTTY && typeof stdin.setRawMode === 'function';
  const undo: Array<() => void> = [];
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    for (const f of undo.reverse()) f();
  };
  process.once('exit', restore);
  undo.push(() => process.off('exit', restore));
  return {
    raw,
    enterRaw() {
      if (!raw || restored) return;
      stdin.setRawMode!(true);
      undo.push(() => stdin.setRawMode!(false));
    },
    size: () =>
      ctx.io.stdoutTTY && stdout.columns && stdout.rows ? { cols: stdout.columns, rows: stdout.rows } : undefined,
    onInput(fn, end) {
      const onData = (d: Buffer | string) => fn(typeof d === 'string' ? Buffer.from(d) : d);
      stdin.on('data', onData);
      stdin.once('end', end);
      stdin.resume();
      undo.push(() => {
        stdin.off('data', onData);
        stdin.off('end', end);
        stdin.pause(); // a paused stdin does not hold the process open
      });
    },
    onResize(fn) {
      if (!ctx.io.stdoutTTY) return;
      process.on('SIGWINCH', fn);
      undo.push(() => process.off('SIGWINCH', fn));
    },
    onSignal(fn) {
      for (const sig of SIGNALS) {
        const on = () => fn(sig);
        process.on(sig, on);
        undo.push(() => process.off(sig, on));
      }
    },
    // the guest's terminal output goes through as it is: this is a terminal, not text to print
    write: (data) => void (ctx.io.stdout as unknown as { write(chunk: Buffer): unknown }).write(data),
    restore,
  };
}
