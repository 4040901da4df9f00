// Which noun an argv names, without commander: bin/pvectl.js asks it (dist/noun-of.cjs) before any
// of the parser is evaluated, to know whether root help's small bundle (dist/help.cjs) can answer.

/** Global options that take a value: their value is not the noun (the root's, src/program.ts). */
export const VALUE_OPTIONS = new Set([
  '-r',
  '--region',
  '-o',
  '--output',
  '--columns',
  '--timeout',
  '--ca-file',
  '--fingerprint',
]);

/** The noun argv names (`help vm` too), or undefined (root help, --version, unknown word). */
export function nounOf(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (VALUE_OPTIONS.has(arg)) i += 1;
    else if (arg === 'help') continue;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}
