// The entry of dist/help.cjs, the CommonJS bundle that bin/pvectl.js runs for root help and the
// version: Node's ESM loader alone cost about as much as the parser (issue 13). It holds only the
// parser: src/main.ts, the root command and commander. The bundle has no noun's verbs nor verb
// code (scripts/build.mjs stubs every import() in it), so it answers only an argv that names no
// noun (nounOf, evaluated without commander); any other goes to the ESM entry, as before.
export { nounOf } from './noun-of.js';

/** main, evaluated (with commander) only when called: a noun's help does not pay for it. */
export async function loadMain(): Promise<typeof import('./main.js').main> {
  return (await import('./main.js')).main;
}
