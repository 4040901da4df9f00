// clone, migrate and the snapshot sub-noun, for vm and ct alike (registerGuestVerbs calls this).
// Options that only VMs have (--with-local-disks, --vmstate) are declared for vm only, so that
// `ct … --vmstate` is an unknown option (exit 2) rather than a flag silently ignored.
import type { GuestKind } from '../../api/guests.js';
import type { NounCommand } from '../../program.js';
import { vmid, type Runner } from '../runner.js';

export function registerCloneMigrateSnapshot(noun: NounCommand, kind: GuestKind, runner: Runner): void {
  const one = kind === 'qemu' ? 'VM' : 'container';

  noun
    .command('clone <guest> <newname>')
    .description(`copy a ${one} (or a template) to a new one; prints VMID NAME NODE STATUS`)
    .option('--vmid <id>', 'VMID of the copy (default: the next free one)', vmid('--vmid'))
    .option('--full', 'full copy of every disk (the default except for templates)')
    .option('--linked', 'linked clone of a template (the default for templates)')
    .option('--node <node>', 'node for the copy (needs shared storage; default: the same node)')
    .option('--storage <storage>', 'storage for the copied disks (a full clone)')
    .option('--pool <pool>', 'resource pool (default: region default)')
    .option('--start', 'start the copy once it is made')
    .action((guest, newname, o, c) =>
      runner(c, () => import('./clone.js'), {
        kind,
        guest,
        name: newname,
        vmid: o.vmid,
        full: o.full === true,
        linked: o.linked === true,
        node: o.node,
        storage: o.storage,
        pool: o.pool,
        start: o.start === true,
      }),
    );

  const migrate = noun
    .command('migrate <guest> <node>')
    .description(
      kind === 'qemu'
        ? 'move a VM to another node (live when it runs)'
        : 'move a container to another node (a running one is restarted there)',
    )
    .option(
      '--online',
      kind === 'qemu' ? 'live migration (the default for a running VM)' : 'not possible for containers',
    );
  const storageHelp = 'storage on the target node for the disks (or SRC:DST,…)';
  const migrateOptions = (guest: string, node: string, o: { online?: true; targetStorage?: string }) => ({
    kind,
    guest,
    node,
    online: o.online === true,
    targetStorage: o.targetStorage,
  });
  if (kind === 'qemu') {
    migrate
      .option('--with-local-disks', 'copy local disks during a live migration')
      .option('--target-storage <storage>', storageHelp)
      .action((guest, node, o, c) =>
        runner(c, () => import('./migrate.js'), {
          ...migrateOptions(guest, node, o),
          withLocalDisks: o.withLocalDisks === true,
        }),
      );
  } else {
    migrate
      .option('--target-storage <storage>', storageHelp)
      .action((guest, node, o, c) =>
        runner(c, () => import('./migrate.js'), { ...migrateOptions(guest, node, o), withLocalDisks: false }),
      );
  }

  const snapshot = noun
    .command('snapshot')
    .alias('snap')
    .description(`snapshots of a ${one}: list, create, delete, rollback`);
  snapshot
    .command('list <guest>')
    .alias('ls')
    .description('list snapshots, oldest first; the one the present state grew from is marked (current)')
    .action((guest, _o, c) => runner(c, () => import('./snapshot-list.js'), { kind, guest }));
  const create = snapshot
    .command('create <guest> <name>')
    .description('take a snapshot (name: a letter, then letters, digits, _ or -; at most 40)')
    .option('--description <text>', 'what the snapshot is for');
  if (kind === 'qemu') {
    create.option('--vmstate', 'save the RAM too (a running VM)').action((guest, name, o, c) =>
      runner(c, () => import('./snapshot-create.js'), {
        kind,
        guest,
        name,
        description: o.description,
        vmstate: o.vmstate === true,
      }),
    );
  } else {
    create.action((guest, name, o, c) =>
      runner(c, () => import('./snapshot-create.js'), {
        kind,
        guest,
        name,
        description: o.description,
        vmstate: false,
      }),
    );
  }
  snapshot
    .command('delete <guest> <name>')
    .alias('rm')
    .description('delete a snapshot (asks first; --yes when not on a terminal)')
    .action((guest, name, _o, c) => runner(c, () => import('./snapshot-delete.js'), { kind, guest, name }));
  snapshot
    .command('rollback <guest> <name>')
    .description('return to a snapshot, discarding the present state (asks first; --yes when not on a terminal)')
    .option('--start', 'start the guest after the rollback')
    .action((guest, name, o, c) =>
      runner(c, () => import('./snapshot-rollback.js'), {
        kind,
        guest,
        name,
        start: o.start === true,
      }),
    );
}
