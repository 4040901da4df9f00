// The root command and global options. Every noun is declared here by name and summary; only the
// noun being run gets its verbs built (src/commands/<noun>/index.ts, imported on demand), and
// verb code is imported only when that verb runs. `pvectl --help` builds no verb at all.
// The commander types come from @commander-js/extra-typings (the same runtime classes), so every
// action's arguments and options are typed from the declarations: the boundary needs no casts.
import { Command, Option, type InferCommandArguments } from '@commander-js/extra-typings';
import type { OutputFormat } from './context.js';
import type { Runner } from './commands/runner.js';
import { nounOf } from './noun-of.js';

export { nounOf };

type Root = ReturnType<typeof rootCommand>;

/** The options of the root command, which every verb sees through optsWithGlobals(). */
export type GlobalFlags = ReturnType<Root['opts']>;

/** A noun as its module gets it: its arguments typed from the usage, the global options typed. */
export type NounCommand<Args extends unknown[] = []> = Command<Args, {}, GlobalFlags>;

interface NounModule<Args extends unknown[]> {
  register(noun: NounCommand<Args>, runner: Runner): void;
}

/** Declares a noun on the program, and builds its verbs when `wanted` says so. */
type DeclareNoun = (program: Root, runner: Runner, wanted: (name: string) => boolean) => Promise<void>;

/** The usage literal ('completion <shell>') types the arguments the noun's register() receives. */
function noun<const Usage extends string>(
  usage: Usage,
  summary: string,
  load: () => Promise<NounModule<InferCommandArguments<Usage>>>,
  opts: { hidden?: boolean } = {},
): DeclareNoun {
  return async (program, runner, wanted) => {
    const cmd = program.command(usage, { hidden: opts.hidden }).description(summary);
    if (wanted(cmd.name())) (await load()).register(cmd, runner);
  };
}

const NOUNS: DeclareNoun[] = [
  noun(
    'region',
    'named cluster endpoints with API tokens, TLS trust and defaults',
    () => import('./commands/region/index.js'),
  ),
  noun('node', 'the hypervisors of a region and their load', () => import('./commands/node/index.js')),
  noun('vm', 'QEMU/KVM virtual machines', () => import('./commands/vm/index.js')),
  noun('ct', 'LXC containers', () => import('./commands/ct/index.js')),
  noun(
    'os',
    'operating systems that `vm create --os` and `ct create --os` accept',
    () => import('./commands/os/index.js'),
  ),
  noun(
    'cost',
    'what guests cost per hour and per month under the region price list',
    () => import('./commands/cost/index.js'),
  ),
  noun('task', 'Proxmox tasks (UPIDs): list, show, wait, log', () => import('./commands/task/index.js')),
  noun('backup', 'backups of guests: list, restore, delete', () => import('./commands/backup/index.js')),
  noun('storage', 'storages: usage per node, configuration, content', () => import('./commands/storage/index.js')),
  noun('api', 'raw API calls for everything else (JSON out)', () => import('./commands/api/index.js')),
  noun(
    'completion <shell>',
    'print a shell completion script (bash, zsh or fish)',
    () => import('./commands/completion/index.js'),
  ),
  noun(
    '__complete [words...]',
    'candidates for the word under the cursor (what the completion scripts call)',
    () => import('./commands/completion/register-complete.js'),
    { hidden: true },
  ),
];

export const VERSION = '0.1.0';
const OUTPUTS: readonly OutputFormat[] = ['table', 'wide', 'json', 'yaml', 'tsv', 'id'];

function rootCommand() {
  return (
    new Command('pvectl')
      .description('pvectl: a command-line IaaS for Proxmox VE clusters (the npm package "pvectl")')
      .version(VERSION, '-V, --version')
      .showSuggestionAfterError(true)
      // subcommands inherit this: `pvectl region add --help` lists --fingerprint, --ca-file …
      .configureHelp({ showGlobalOptions: true })
      .addOption(new Option('-r, --region <name>', 'region for this call; "a,b" or "all" fans out lists'))
      .addOption(new Option('-o, --output <format>', 'output format').choices(OUTPUTS).default('table'))
      .option('--columns <list>', 'columns to show, comma-separated (table, wide, tsv)')
      .option('--no-headers', 'omit the header row')
      .option('-q, --quiet', 'no progress or chatter on stderr')
      .option('-v, --verbose', 'log each HTTP call to stderr (secrets redacted)')
      .option('--dry-run', 'print the API calls a mutating verb would make, change nothing')
      .option('--no-wait', 'do not wait for Proxmox tasks; print the UPID')
      .option('--timeout <duration>', 'how long to wait (e.g. 90s, 10m)')
      .option('-y, --yes', 'answer yes to confirmations')
      .option('--no-color', 'no colour (also NO_COLOR)')
      .option('--insecure', 'skip TLS verification (warns every time)')
      .option('--ca-file <file>', 'PEM file of CA certificates to trust')
      .option('--fingerprint <sha256>', 'pinned SHA-256 certificate fingerprint')
  );
}

export async function buildProgram(runner: Runner, argv: string[] = []): Promise<Root> {
  const program = rootCommand();
  const wanted = nounOf(argv);
  // `__complete -- WORD…` needs the verbs of the noun it completes, too
  const completing = wanted === '__complete' ? nounOf(argv.slice(argv.indexOf(wanted) + 1)) : undefined;
  await Promise.all(NOUNS.map((declare) => declare(program, runner, (name) => name === wanted || name === completing)));
  return program;
}
