// V8 flags set while a command runs (the console's --liftoff-only, a listing's interrupt budget).
// V8 refuses cached data made under other flags than its own at start, and the launcher writes the
// code cache once the command is done (bin/code-cache.js): data made after a flag changed would be
// refused at every later start, so the launcher does not write it then. Announcing the change first
// lets the launcher write the cache now, under the flags every start has, with what the command has
// compiled so far. Where nobody listens (the ESM entry, tests) the event does nothing.
import { setFlagsFromString } from 'node:v8';

/** The process event emitted just before a flag changes: bin/pvectl.js listens for this name. */
const BEFORE_V8_FLAGS = 'pvectl:before-v8-flags';

export function setV8Flag(flag: string): void {
  const events: NodeJS.EventEmitter = process; // an event of our own: Process's typings list Node's
  events.emit(BEFORE_V8_FLAGS);
  setFlagsFromString(flag);
}
