import type { NounCommand } from '../../program.js';
import { oneOf, type Runner } from '../runner.js';

export function register(completion: NounCommand<[string]>, runner: Runner): void {
  completion.action((shell, _o, cmd) => {
    const checked = oneOf('shell', ['bash', 'zsh', 'fish'])(shell);
    return runner(cmd, () => import('./script.js'), { shell: checked });
  });
}
