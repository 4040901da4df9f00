// Writing a long output in pieces, each handed to the stream before the next is rendered: a pipe
// whose reader is slow holds the next piece back, and a stream that failed instead (EPIPE:
// `pvectl vm list | head -1`) ends the writing, so nothing more is rendered for a reader that is
// gone (in the CLI, main's handler has then already ended the process with 141). Waiting for the
// last piece too matters: bin/pvectl.js ends the process soon after main returns, and a piece still
// queued then was lost (`vm list -o json | (sleep 0.3; wc -l)` printed 76,230 of 110,665 lines).
import type { Writer } from '../context.js';

type Stream = Writer & {
  write(chunk: string | Buffer, done?: (err?: Error | null) => void): unknown;
  once?: unknown;
  destroyed?: boolean;
};

/**
 * False when the stream can take nothing more (failed or closed): stop writing to it. Bytes (a
 * table or json for a pipe or file, list-chunks.ts) go to a stream as they are: the redacting
 * writer (run-verb.ts) passes them by, so whoever makes them redacts them (a table's cells in
 * humanCell, json's pieces in jsonChunks).
 */
export async function writeOut(out: Stream, chunk: string | Buffer): Promise<boolean> {
  if (out.destroyed) return false;
  // a plain writer (a test's string, a --watch frame) takes it at once, as text
  if (typeof out.once !== 'function')
    return (out.write(typeof chunk === 'string' ? chunk : chunk.toString('utf8')), true);
  return new Promise((resolve) => out.write(chunk, (err) => resolve(!err)));
}
