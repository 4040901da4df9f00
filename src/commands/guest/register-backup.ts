// `backup` for a kind: vzdump of guests named or selected like the power verbs.
import type { GuestKind } from '../../api/guests.js';
import type { NounCommand } from '../../program.js';
import { collect, oneOf, type Runner } from '../runner.js';

const MODES = ['snapshot', 'suspend', 'stop'] as const;
const COMPRESS = ['zstd', 'lzo', 'gzip', 'none'] as const;

export function registerBackup(noun: NounCommand, kind: GuestKind, runner: Runner): void {
  noun
    .command('backup [guests...]')
    .description('back guests up (vzdump): VMIDs, names, "-" for stdin, or selectors')
    .option('--storage <storage>', "where to (default: the node's first storage with backup content)")
    .option('--mode <mode>', 'snapshot (default), suspend or stop', oneOf('--mode', MODES))
    .option('--compress <algo>', 'zstd, lzo, gzip or none', oneOf('--compress', COMPRESS))
    .option('--notes <text>', 'notes for the backup ({{guestname}}, {{node}}, {{vmid}} are filled in)')
    .option('--protected', 'keep it from pruning and deletion')
    .option('--all', 'every guest of this kind')
    .option('--tag <tag>', 'guests with this tag (repeatable: all must match)', collect)
    .option('--pool <pool>', 'guests in this pool')
    .option('--node <node>', 'guests on this node')
    .option('--status <status>', 'guests in this state')
    .action((guests, o, c) =>
      runner(c, () => import('./backup.js'), {
        kind,
        refs: guests,
        all: o.all === true,
        tags: o.tag ?? [],
        pool: o.pool,
        node: o.node,
        status: o.status,
        storage: o.storage,
        mode: o.mode,
        compress: o.compress,
        notes: o.notes,
        protected: o.protected === true,
      }),
    );
}
