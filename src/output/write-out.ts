// Writing a long output in pieces: a pipe that is full (its reader is slow, or gone) says so by
// write() returning false; the next piece waits for 'drain', and a stream that failed instead
// (EPIPE: `pvectl vm list | head -1`) ends the writing, so nothing more is rendered for it. In the
// CLI, main's handler has then already ended the process with 141.
import type { Writer } from '../context.js';

type Waitable = Writer & {
  once?(event: string, fn: () => void): unknown;
  removeListener?(event: string, fn: () => void): unknown;
  destroyed?: boolean;
};

/** False when the stream can take nothing more (failed or closed): stop writing to it. */
export async function writeOut(out: Waitable, chunk: string): Promise<boolean> {
  if (out.destroyed) return false;
  if (out.write(chunk) !== false || typeof out.once !== 'function') return true;
  return new Promise((resolve) => {
    const settle = (ok: boolean) => () => {
      out.removeListener?.('drain', drained);
      out.removeListener?.('error', failed);
      out.removeListener?.('close', failed);
      resolve(ok);
    };
    const drained = settle(true);
    const failed = settle(false);
    out.once!('drain', drained);
    out.once!('error', failed);
    out.once!('close', failed);
  });
}
