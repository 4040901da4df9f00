// Shell completion generated from the declared command tree, so it never drifts from the CLI.
// Guest arguments of vm/ct verbs complete with live names from the current region.
import type { CommandUnknownOpts as Command } from '@commander-js/extra-typings';
import type { Context } from '../../context.js';

export interface CompletionOptions {
  shell: 'bash' | 'zsh' | 'fish';
  program: Command;
}

interface Node {
  path: string[];
  subcommands: string[];
  options: string[];
}

const GUEST_NOUNS = new Set(['vm', 'ct']);
const GUEST_VERBS = new Set([
  'show',
  'start',
  'stop',
  'shutdown',
  'reboot',
  'suspend',
  'resume',
  'delete',
  'rm',
  'resize',
  'ip',
  'clone',
  'migrate',
]);

export async function run(ctx: Context, opts: CompletionOptions): Promise<void> {
  const nodes = walk(opts.program, []);
  const script = opts.shell === 'bash' ? bash(nodes) : opts.shell === 'zsh' ? zsh(nodes) : fish(nodes);
  ctx.io.stdout.write(script);
}

function walk(cmd: Command, path: string[]): Node[] {
  const node: Node = {
    path,
    subcommands: cmd.commands.flatMap((c) => [c.name(), ...c.aliases()]),
    options: cmd.options.flatMap((o) => [o.long, o.short].filter((x): x is string => !!x)),
  };
  return [node, ...cmd.commands.flatMap((c) => walk(c, [...path, c.name()]))];
}

function bash(nodes: Node[]): string {
  const globals = nodes[0]!.options.join(' ');
  const cases = nodes
    .slice(1)
    .map((n) => `    "${n.path.join(' ')}") words="${[...n.subcommands, ...n.options].join(' ')}";;`)
    .join('\n');
  return `# pvectl bash completion: source <(pvectl completion bash)
_pvectl() {
  local cur=\${COMP_WORDS[COMP_CWORD]} path="" w words
  for w in "\${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    [[ $w == -* ]] && continue
    case "$path" in
      "") path=$w;;
      vm|ct|region|node|os|task|api) path="$path $w";;
    esac
  done
  case "$path" in
${cases}
    "") words="${nodes[0]!.subcommands.join(' ')}";;
  esac
  case "$path" in
    ${guestPatterns()})
      if [[ $cur != -* ]]; then
        words="$words $(pvectl \${path%% *} list -o tsv --no-headers --columns name 2>/dev/null)"
      fi;;
  esac
  COMPREPLY=($(compgen -W "$words ${globals}" -- "$cur"))
}
complete -F _pvectl pvectl
`;
}

function guestPatterns(): string {
  return [...GUEST_NOUNS].flatMap((noun) => [...GUEST_VERBS].map((verb) => `"${noun} ${verb}"`)).join('|');
}

function zsh(nodes: Node[]): string {
  return `#compdef pvectl
# pvectl zsh completion: source <(pvectl completion zsh)
autoload -U +X bashcompinit && bashcompinit
${bash(nodes)}`;
}

function fish(nodes: Node[]): string {
  const lines = ['# pvectl fish completion: pvectl completion fish | source', 'complete -c pvectl -f'];
  for (const n of nodes) {
    const cond =
      n.path.length === 0 ? '__fish_use_subcommand' : `__fish_seen_subcommand_from ${n.path[n.path.length - 1]}`;
    for (const sub of n.subcommands) lines.push(`complete -c pvectl -n '${cond}' -a '${sub}'`);
    for (const opt of n.options.filter((o) => o.startsWith('--'))) {
      lines.push(`complete -c pvectl -n '${cond}' -l '${opt.slice(2)}'`);
    }
  }
  for (const noun of GUEST_NOUNS) {
    lines.push(
      `complete -c pvectl -n '__fish_seen_subcommand_from ${noun}; and __fish_seen_subcommand_from ${[...GUEST_VERBS].join(' ')}' -a '(pvectl ${noun} list -o tsv --no-headers --columns name 2>/dev/null)'`,
    );
  }
  return `${lines.join('\n')}\n`;
}
