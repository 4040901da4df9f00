import type { NounCommand } from '../../program.js';
import { collect, oneOf, type Runner } from '../runner.js';
import { addExamples } from '../examples.js';

export function register(cost: NounCommand, runner: Runner): void {
  cost
    .description(
      "what guests cost per hour and per month under the region's price list (`region pricing`): running " +
        'guests pay for vCPUs, memory and disk; stopped ones, as in public clouds, for their disk only',
    )
    .option('--tag <tag>', 'only guests with this tag (repeatable: all must match)', collect)
    .option('--pool <pool>', 'only this pool')
    .option('--node <node>', 'only this node')
    .option('--type <type>', 'vm or ct', oneOf('--type', ['vm', 'ct']))
    .option('--sort <field>', 'sort by this field (e.g. monthly, name); descending: --sort=-monthly')
    .addHelpText(
      'after',
      [
        '',
        'Paused VMs pay like running ones, suspended (hibernated) ones like stopped ones;',
        'templates are left out. A month is 730 hours. Tables end with a TOTAL line per',
        'currency (not with --no-headers, nor in json, yaml, tsv or id). Several regions:',
        '--region a,b or --region all. Prices: pvectl region pricing NAME --cpu-hour N …',
      ].join('\n'),
    )
    .action((o, cmd) =>
      runner(cmd, () => import('./list.js'), {
        tags: o.tag ?? [],
        pool: o.pool,
        node: o.node,
        type: o.type,
        sort: o.sort,
      }),
    );
  addExamples(cost, {
    '': [
      'pvectl cost',
      'pvectl cost --tag prod --sort=-monthly',
      '# every region, one table each, as JSON',
      'pvectl --region all cost -o json',
    ],
  });
}
