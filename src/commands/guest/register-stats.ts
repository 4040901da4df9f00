// `stats` for a kind: RRD metrics of one guest over a period.
import type { GuestKind } from '../../api/guests.js';
import type { NounCommand } from '../../program.js';
import { oneOf, type Runner } from '../runner.js';

export const TIMEFRAMES = ['hour', 'day', 'week', 'month', 'year'] as const;

export function registerStats(noun: NounCommand, kind: GuestKind, runner: Runner): void {
  noun
    .command('stats <guest>')
    .description('CPU, memory, network and disk I/O over a period, as sparklines (raw points in json)')
    .option('--since <period>', 'hour (default), day, week, month or year', oneOf('--since', TIMEFRAMES))
    .action((guest, o, c) => runner(c, () => import('./stats.js'), { kind, guest, since: o.since ?? 'hour' }));
}
