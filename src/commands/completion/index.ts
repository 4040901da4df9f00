import type { NounCommand } from '../../program.js';
import { oneOf, type Runner } from '../runner.js';
import { addExamples } from '../examples.js';

export function register(completion: NounCommand<[string]>, runner: Runner): void {
  completion.action((shell, _o, cmd) => {
    const checked = oneOf('shell', ['bash', 'zsh', 'fish'])(shell);
    return runner(cmd, () => import('./script.js'), { shell: checked });
  });
  addExamples(completion, {
    '': [
      '# bash: for this shell, then for every new one',
      'source <(pvectl completion bash)',
      'pvectl completion bash > ~/.local/share/bash-completion/completions/pvectl',
      'pvectl completion zsh > "${fpath[1]}/_pvectl"',
      'pvectl completion fish > ~/.config/fish/completions/pvectl.fish',
    ],
  });
}
