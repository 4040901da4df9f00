// Which values an option or operand takes, by its name in the command tree: fixed sets here, live
// ones (regions, nodes, guests, OS names) named for live.ts to look up.
import type { CommandUnknownOpts as Command, Option } from '@commander-js/extra-typings';
import type { LiveSource, Want } from './analyse.js';

const GUEST_STATUSES = ['running', 'stopped', 'paused', 'suspended', 'unknown'];
const NODE_STATUSES = ['online', 'offline'];
const SHELLS = ['bash', 'zsh', 'fish'];

/** The noun a (sub)command belongs to: `vm` for `vm snapshot create`. */
function nounOf(cmd: Command): string {
  let c = cmd;
  while (c.parent?.parent) c = c.parent;
  return c.name();
}

function guestKind(noun: string): 'qemu' | 'lxc' | undefined {
  return noun === 'vm' ? 'qemu' : noun === 'ct' ? 'lxc' : undefined;
}

export function optionSource(cmd: Command, option: Option): LiveSource | undefined {
  const noun = nounOf(cmd);
  switch (option.attributeName()) {
    case 'region':
      return { kind: 'regions' };
    case 'node':
      return { kind: 'nodes' };
    case 'os':
      return noun === 'vm' || noun === 'ct' ? { kind: 'os', type: noun } : undefined;
    default:
      return undefined;
  }
}

/** commander choices, and options whose parser checks a fixed set of values itself. */
export function fixedValues(cmd: Command, option: Option): string[] {
  const name = option.attributeName();
  if (name === 'status') return nounOf(cmd) === 'node' ? NODE_STATUSES : GUEST_STATUSES;
  if (name === 'type' && nounOf(cmd) === 'os') return ['vm', 'ct'];
  return option.argChoices ?? [];
}

/** The operand at `index` of cmd: which values it takes. */
export function operandValues(cmd: Command, index: number): Pick<Want, 'words' | 'live'> {
  const args = cmd.registeredArguments;
  const last = args.at(-1);
  const arg = index < args.length ? args[index] : last?.variadic ? last : undefined;
  if (!arg) return { words: [] };
  const noun = nounOf(cmd);
  const kind = guestKind(noun);
  const name = arg.name();
  if ((name === 'guest' || name === 'guests') && kind) return { words: [], live: { kind: 'guests', guest: kind } };
  if (name === 'node') return { words: [], live: { kind: 'nodes' } };
  if (name === 'shell') return { words: SHELLS };
  if (noun === 'region' && name === 'name' && cmd.name() !== 'add') return { words: [], live: { kind: 'regions' } };
  return { words: [] };
}
