// The completion scripts. Each is a few lines of shell that hands the words before the cursor to
// `pvectl __complete` (complete.ts) and offers what it prints, so the three shells complete alike
// and the logic is TypeScript with tests, not three copies of the command tree in shell code.
import type { Context } from '../../context.js';

export interface CompletionOptions {
  shell: 'bash' | 'zsh' | 'fish';
}

export async function run(ctx: Context, opts: CompletionOptions): Promise<void> {
  ctx.io.stdout.write(SCRIPTS[opts.shell]);
}

// bash splits words at COMP_WORDBREAKS (= and :) and replaces only the last piece, so the words
// are taken from the line itself and the candidates lose what precedes that piece.
const BASH = `# pvectl bash completion: source <(pvectl completion bash)
_pvectl() {
  local line=\${COMP_LINE:0:COMP_POINT} cur=\${COMP_WORDS[COMP_CWORD]} full c
  local -a words
  read -ra words <<<"$line"
  [[ $line == *[[:space:]] ]] && words+=('')
  full=\${words[\${#words[@]}-1]}
  COMPREPLY=()
  while IFS= read -r c; do
    COMPREPLY+=("\${c#"\${full%"$cur"}"}")
  done < <(pvectl __complete -- "\${words[@]:1}" 2>/dev/null </dev/null)
}
complete -F _pvectl pvectl
`;

// A native function: autoloaded from $fpath by compinit (the file then runs as _pvectl), or
// sourced, then registered with compdef, or with compctl when compinit was never run.
const ZSH = `#compdef pvectl
# pvectl zsh completion: source <(pvectl completion zsh), or save as _pvectl in a directory of $fpath
_pvectl() {
  local -a candidates
  candidates=(\${(f)"$(pvectl __complete -- "\${(@)words[2,CURRENT]}" 2>/dev/null </dev/null)"})
  compadd -- "\${candidates[@]}"
}
_pvectl_compctl() {
  local -a line
  local cword
  read -cA line
  read -cn cword
  reply=(\${(f)"$(pvectl __complete -- "\${(@)line[2,cword]}" 2>/dev/null </dev/null)"})
}
if [[ \${funcstack[1]} == _pvectl ]]; then
  _pvectl "$@"
elif (( \${+functions[compdef]} )); then
  compdef _pvectl pvectl
else
  zmodload -i zsh/compctl 2>/dev/null && compctl -K _pvectl_compctl pvectl
fi
`;

const FISH = `# pvectl fish completion: pvectl completion fish | source
function __pvectl_complete
    set -l words (commandline -opc)[2..-1] (commandline -ct)
    pvectl __complete -- $words 2>/dev/null </dev/null
end
complete -c pvectl -f -a '(__pvectl_complete)'
`;

const SCRIPTS = { bash: BASH, zsh: ZSH, fish: FISH };
