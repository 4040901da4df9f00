import type { Command } from 'commander';
import { oneOf, type Runner } from '../runner.js';

export function register(os: Command, runner: Runner): void {
  os.command('list')
    .alias('ls')
    .description('templates, downloadable container images and cloud images of the region')
    .option('--type <type>', 'vm or ct', oneOf('--type', ['vm', 'ct'] as const))
    .action((o: { type?: 'vm' | 'ct' }, cmd: Command) => runner(cmd, () => import('./list.js'), { type: o.type }));
}
