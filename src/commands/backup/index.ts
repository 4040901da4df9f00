import { addExamples } from '../examples.js';
import type { NounCommand } from '../../program.js';
import { vmid, type Runner } from '../runner.js';

export function register(backup: NounCommand, runner: Runner): void {
  backup
    .command('list')
    .alias('ls')
    .description('backups on every storage with backup content (PBS included), newest first')
    .option('--guest <guest>', 'only backups of this guest (VMID or name)')
    .option('--storage <storage>', 'only this storage')
    .option('--node <node>', 'only storages of this node')
    .action((o, cmd) => runner(cmd, () => import('./list.js'), { guest: o.guest, storage: o.storage, node: o.node }));
  backup
    .command('restore <backup>')
    .description('restore a backup as a guest (asks before replacing one with --force)')
    .option('--name <name>', 'name (hostname) of the restored guest')
    .option('--vmid <id>', "VMID to restore to (default: the backed-up guest's)", vmid('--vmid'))
    .option('--node <node>', 'node to restore on (default: where the backup is)')
    .option('--storage <storage>', 'storage for the disks (default: as in the backup)')
    .option('--start', 'start the guest afterwards')
    .option('--force', 'replace an existing guest with that VMID')
    .action((b, o, cmd) =>
      runner(cmd, () => import('./restore.js'), {
        backup: b,
        name: o.name,
        vmid: o.vmid,
        node: o.node,
        storage: o.storage,
        start: o.start === true,
        force: o.force === true,
      }),
    );
  backup
    .command('delete <backups...>')
    .alias('rm')
    .description('delete backups (asks; --yes when not on a terminal); protected ones are refused')
    .action((backups, _o, cmd) => runner(cmd, () => import('./delete.js'), { backups }));
  addExamples(backup, {
    list: ['pvectl backup list', 'pvectl backup list --guest web-1 -o json'],
    restore: [
      'pvectl backup restore local:backup/vzdump-qemu-100-2026_12_05-10_00_00.vma.zst --vmid 150 --name web-1-restored',
      '# over the guest it came from (asks first)',
      'pvectl backup restore local:backup/vzdump-lxc-200-2026_12_05-10_00_00.tar.zst --force --start',
    ],
    delete: ['pvectl backup delete local:backup/vzdump-qemu-100-2026_12_05-10_00_00.vma.zst --yes'],
  });
}
