import { addExamples } from '../examples.js';
import type { NounCommand } from '../../program.js';
import { oneOf, type Runner } from '../runner.js';
import { CONTENT_TYPES } from './content-types.js';

export function register(storage: NounCommand, runner: Runner): void {
  storage
    .command('list')
    .alias('ls')
    .description('storages with content types and usage, per node (once when shared)')
    .option('--node <node>', 'only this node')
    .action((o, cmd) => runner(cmd, () => import('./list.js'), { node: o.node }));
  storage
    .command('show <storage>')
    .description('one storage: configuration and usage on each node')
    .action((name, _o, cmd) => runner(cmd, () => import('./show.js'), { storage: name }));
  storage
    .command('content <storage>')
    .description('the volumes of a storage: ISO images, templates, backups, disks')
    .option('--node <node>', 'only on this node')
    .option('--content <type>', `only this type: ${CONTENT_TYPES.join(', ')}`, oneOf('--content', CONTENT_TYPES))
    .action((name, o, cmd) =>
      runner(cmd, () => import('./content.js'), { storage: name, node: o.node, content: o.content }),
    );
  addExamples(storage, {
    list: ['pvectl storage list', 'pvectl storage list --node pve1 -o json'],
    show: ['pvectl storage show local-lvm'],
    content: [
      'pvectl storage content local --content iso',
      'pvectl storage content local --node pve2 --content backup',
    ],
  });
}
