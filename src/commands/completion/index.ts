import type { Command } from 'commander';
import { oneOf, type Runner } from '../runner.js';

export function register(completion: Command, runner: Runner): void {
  completion.action((shell: string, _o: unknown, cmd: Command) => {
    const checked = oneOf('shell', ['bash', 'zsh', 'fish'] as const)(shell);
    return runner(cmd, () => import('./script.js'), { shell: checked });
  });
}
