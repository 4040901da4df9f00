// What the word under the cursor can be, read from the declared command tree (the same commander
// objects that parse argv), so completion never drifts from the CLI. Pure: no I/O here.
import type { CommandUnknownOpts as Command, Option } from '@commander-js/extra-typings';
import { fixedValues, operandValues, optionSource } from './values.js';

/** Values that come from the config file or the cluster (see live.ts). */
export type LiveSource =
  | { kind: 'regions' }
  | { kind: 'nodes' }
  | { kind: 'guests'; guest: 'qemu' | 'lxc' }
  | { kind: 'os'; type: 'vm' | 'ct' };

export interface Want {
  /** the word being completed, as typed so far (of `--node=pv`, the value: `pv`) */
  current: string;
  /** `--node=` when the word is an option with its value attached: put back before each value */
  prefix: string;
  /** fixed candidates: verbs, options, choices */
  words: string[];
  live?: LiveSource;
  /** what the line already says about the region and its trust (`-r home`, `--insecure` …) */
  region?: string;
  trust: { fingerprint?: string; caFile?: string; insecure?: boolean };
}

/** words: what follows `pvectl` up to and including the word under the cursor ('' for a new word). */
export function analyse(root: Command, words: string[]): Want {
  const current = words.at(-1) ?? '';
  const want: Want = { current, prefix: '', words: [], trust: {} };
  let cmd = root;
  let operands = 0; // operands given to cmd so far
  let pending: Option | undefined;
  let literal = false; // after `--` every word is an operand
  const record = (opt: Option, value: string) => {
    const name = opt.attributeName();
    if (name === 'region') want.region = value;
    if (name === 'fingerprint') want.trust.fingerprint = value;
    if (name === 'caFile') want.trust.caFile = value;
  };

  for (const word of words.slice(0, -1)) {
    if (pending) {
      record(pending, word);
      pending = undefined;
    } else if (!literal && word === '--') {
      literal = true;
    } else if (!literal && word.startsWith('-') && word !== '-') {
      const { option, inline } = findOption(cmd, word);
      if (option?.attributeName() === 'insecure') want.trust.insecure = true;
      if (option && takesValue(option)) {
        if (inline === undefined) pending = option;
        else record(option, inline);
      }
    } else {
      // a verb comes before any operand; operands stays 0 on entering it
      const sub = operands === 0 && !literal ? subcommand(cmd, word) : undefined;
      if (sub) cmd = sub;
      else operands += 1;
    }
  }

  const attached = !pending && !literal && /^--[^=]+=/.test(current) ? findOption(cmd, current) : {};
  if (pending) Object.assign(want, { words: fixedValues(cmd, pending), live: optionSource(cmd, pending) });
  else if (attached.option && attached.inline !== undefined) {
    const prefix = current.slice(0, current.indexOf('=') + 1);
    const values = { words: fixedValues(cmd, attached.option), live: optionSource(cmd, attached.option) };
    Object.assign(want, { current: attached.inline, prefix, ...values });
  } else if (!literal && current.startsWith('-')) want.words = optionNames(cmd);
  else if (operands === 0 && visibleCommands(cmd).length > 0) want.words = commandNames(cmd);
  else Object.assign(want, operandValues(cmd, operands));
  return want;
}

/** `-r`, `--region`, `--region=home`, `-rhome`: the option of cmd or of a parent, and an inline value. */
function findOption(cmd: Command, word: string): { option?: Option; inline?: string } {
  const eq = word.startsWith('--') ? word.indexOf('=') : -1;
  const flag = eq > 0 ? word.slice(0, eq) : word.startsWith('--') ? word : word.slice(0, 2);
  const rest = eq > 0 ? word.slice(eq + 1) : !word.startsWith('--') && word.length > 2 ? word.slice(2) : undefined;
  for (let c: Command | null = cmd; c; c = c.parent) {
    const option = c.options.find((o) => o.long === flag || o.short === flag);
    // `-qy` is two flags, not -q with the value "y"
    if (option) return { option, inline: rest !== undefined && takesValue(option) ? rest : undefined };
  }
  return {};
}

const takesValue = (o: Option): boolean => o.required || o.optional;

function subcommand(cmd: Command, word: string): Command | undefined {
  return visibleCommands(cmd).find((c) => c.name() === word || c.aliases().includes(word));
}

/** Declared, not hidden, and not commander's implicit `help` verb. */
function visibleCommands(cmd: Command): Command[] {
  return cmd
    .createHelp()
    .visibleCommands(cmd)
    .filter((c) => cmd.commands.includes(c));
}

function commandNames(cmd: Command): string[] {
  return visibleCommands(cmd).flatMap((c) => [c.name(), ...c.aliases()]);
}

/** Long options of cmd and of every parent (global options work after the verb too). */
function optionNames(cmd: Command): string[] {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) {
    for (const o of c.options) if (!o.hidden && o.long) names.push(o.long);
  }
  return [...new Set([...names, '--help'])];
}
