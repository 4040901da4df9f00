import type { NounCommand } from '../../program.js';
import { declareCreate, createOptionsOf } from '../guest/create-options.js';
import { registerGuestVerbs } from '../guest/register.js';
import { registerExec, registerSsh } from '../guest/register-ssh.js';
import { registerConsole } from '../guest/register-console.js';
import { guestExamples } from '../guest/examples.js';
import { addExamples } from '../examples.js';
import type { Runner } from '../runner.js';

export function register(vm: NounCommand, runner: Runner): void {
  registerGuestVerbs(vm, 'qemu', runner);
  registerSsh(vm, 'qemu', runner);
  registerConsole(vm, 'qemu', runner);
  registerExec(vm, runner);

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
    .option(
      '--user-data <file>',
      'cloud-init user-data ("-": stdin): a #cloud-config is merged with pvectl\'s, other kinds join it as MIME parts',
    )
    .option('--iso-storage <storage>', 'storage for the cloud-init seed ISO (default: region default, else the first)')
    .option(
      '--no-seed',
      "cloud image, or a template without the agent: Proxmox's cloud-init drive, not pvectl's seed (no agent)",
    )
    .action((name, o, cmd) =>
      runner(cmd, () => import('./create.js'), {
        ...createOptionsOf(name, o),
        user: o.user,
        userData: o.userData,
        isoStorage: o.isoStorage,
        ...(o.seed === false ? { seed: false } : {}),
      }),
    );
  addExamples(vm, guestExamples('qemu'));
}
