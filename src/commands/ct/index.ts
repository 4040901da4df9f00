import type { NounCommand } from '../../program.js';
import { declareCreate, createOptionsOf } from '../guest/create-options.js';
import { registerGuestVerbs } from '../guest/register.js';
import { registerSsh } from '../guest/register-ssh.js';
import { registerConsole } from '../guest/register-console.js';
import { guestExamples } from '../guest/examples.js';
import { addExamples } from '../examples.js';
import type { Runner } from '../runner.js';

export function register(ct: NounCommand, runner: Runner): void {
  registerGuestVerbs(ct, 'lxc', runner);
  registerSsh(ct, 'lxc', runner);
  registerConsole(ct, 'lxc', runner);

  declareCreate(ct, {
    description: 'create a container from an OS name (downloading the template when needed), start it and print its IP',
    osExample: 'debian, alpine-3.22',
    osList: 'pvectl os list --type ct',
    mem: '512M',
    cores: '1',
    disk: '8G',
    keyOwner: 'root',
    what: 'container',
  })
    .option('--password-stdin', 'read the root password from stdin')
    .option('--unprivileged', 'create an unprivileged container (the default)')
    .option('--no-unprivileged', 'create a privileged container (needs Sys.Modify on /)')
    .action((name, o, cmd) =>
      runner(cmd, () => import('./create.js'), {
        ...createOptionsOf(name, o),
        passwordStdin: o.passwordStdin === true,
        unprivileged: o.unprivileged !== false,
      }),
    );
  addExamples(ct, guestExamples('lxc'));
}
