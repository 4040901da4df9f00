import type { Command } from 'commander';
import { oneOf, type Runner } from '../runner.js';

export function registerCompletion(program: Command, runner: Runner): void {
  program
    .command('completion <shell>')
    .description('print a shell completion script (bash, zsh or fish)')
    .action((shell: string, _o: unknown, cmd: Command) => {
      const checked = oneOf('shell', ['bash', 'zsh', 'fish'] as const)(shell);
      return runner(cmd, () => import('./script.js'), { shell: checked, program });
    });
}
