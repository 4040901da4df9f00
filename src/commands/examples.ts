// The "Examples:" section under a verb's --help. Static text, added when a noun builds its verbs,
// which happens only for the noun being run: `pvectl --help` pays nothing for it. Every command
// shown is real: test/cli/examples.test.ts runs each one through the parser.
import type { CommandUnknownOpts } from '@commander-js/extra-typings';

/**
 * Verb path ("list", "snapshot create"; "" for a noun that is its own verb) → its example lines.
 * A line starting with "#" says what the next command does.
 */
export type Examples = Record<string, readonly string[]>;

export function addExamples(noun: CommandUnknownOpts, examples: Examples): void {
  for (const [path, lines] of Object.entries(examples)) {
    let cmd: CommandUnknownOpts | undefined = noun;
    for (const name of path.split(' ').filter(Boolean)) cmd = cmd?.commands.find((c) => c.name() === name);
    // a typo here would silently drop a verb's examples; the examples test would then fail too
    if (!cmd) throw new Error(`examples for "${noun.name()} ${path}", which is not declared`);
    cmd.addHelpText('after', `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
  }
}
