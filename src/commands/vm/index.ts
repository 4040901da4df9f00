import type { NounCommand } from '../../program.js';
import { declareCreate, createOptionsOf } from '../guest/create-options.js';
import { registerGuestVerbs } from '../guest/register.js';
import { guestExamples } from '../guest/examples.js';
import { addExamples } from '../examples.js';
import type { Runner } from '../runner.js';

export function register(vm: NounCommand, runner: Runner): void {
  registerGuestVerbs(vm, 'qemu', runner);

  declareCreate(vm, {
    description: 'create a VM from an OS name (template clone or cloud image), start it and print its IP',
    osExample: 'debian, ubuntu-24.04',
    osList: 'pvectl os list',
    mem: '2G',
    cores: '2',
    disk: '20G',
    keyOwner: 'the default user',
    what: 'VM',
  })
    .option('--user <name>', 'cloud-init user (default: the image default user)')
    .action((name, o, cmd) => runner(cmd, () => import('./create.js'), { ...createOptionsOf(name, o), user: o.user }));
  addExamples(vm, guestExamples('qemu'));
}
