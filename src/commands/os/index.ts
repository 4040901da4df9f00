import type { NounCommand } from '../../program.js';
import { oneOf, type Runner } from '../runner.js';
import { addExamples } from '../examples.js';

export function register(os: NounCommand, runner: Runner): void {
  os.command('list')
    .alias('ls')
    .description('templates, downloadable container images and cloud images of the region')
    .option('--type <type>', 'vm or ct', oneOf('--type', ['vm', 'ct']))
    .action((o, cmd) => runner(cmd, () => import('./list.js'), { type: o.type }));
  addExamples(os, {
    list: ['pvectl os list', '# each OS name once, for a script', 'pvectl os list --type ct -o id'],
  });
}
