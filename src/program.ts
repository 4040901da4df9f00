// The root command and global options. Every noun is declared here by name and summary; only the
// noun being run gets its verbs built (src/commands/<noun>/index.ts, imported on demand), and
// verb code is imported only when that verb runs. `pvectl --help` builds no verb at all.
import { Command, Option } from 'commander';
import type { OutputFormat } from './context.js';
import type { Runner } from './commands/runner.js';

interface NounModule {
  register(noun: Command, runner: Runner): void;
}

const NOUNS: Array<{ name: string; summary: string; hidden?: boolean; load: () => Promise<NounModule> }> = [
  {
    name: 'region',
    summary: 'named cluster endpoints with API tokens, TLS trust and defaults',
    load: () => import('./commands/region/index.js'),
  },
  {
    name: 'node',
    summary: 'the hypervisors of a region and their load',
    load: () => import('./commands/node/index.js'),
  },
  { name: 'vm', summary: 'QEMU/KVM virtual machines', load: () => import('./commands/vm/index.js') },
  { name: 'ct', summary: 'LXC containers', load: () => import('./commands/ct/index.js') },
  {
    name: 'os',
    summary: 'operating systems that `vm create --os` and `ct create --os` accept',
    load: () => import('./commands/os/index.js'),
  },
  {
    name: 'cost',
    summary: 'what guests cost per hour and per month under the region price list',
    load: () => import('./commands/cost/index.js'),
  },
  {
    name: 'task',
    summary: 'Proxmox tasks (UPIDs): list, show, wait, log',
    load: () => import('./commands/task/index.js'),
  },
  {
    name: 'api',
    summary: 'raw API calls for everything else (JSON out)',
    load: () => import('./commands/api/index.js'),
  },
  {
    name: 'completion <shell>',
    summary: 'print a shell completion script (bash, zsh or fish)',
    load: () => import('./commands/completion/index.js'),
  },
  {
    name: '__complete [words...]',
    summary: 'candidates for the word under the cursor (what the completion scripts call)',
    hidden: true,
    load: () => import('./commands/completion/register-complete.js'),
  },
];

/** Global options that take a value: their value is not the noun. */
const VALUE_OPTIONS = new Set([
  '-r',
  '--region',
  '-o',
  '--output',
  '--columns',
  '--timeout',
  '--ca-file',
  '--fingerprint',
]);

/** The noun argv names (`help vm` too), or undefined (root help, --version, unknown word). */
export function nounOf(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (VALUE_OPTIONS.has(arg)) i += 1;
    else if (arg === 'help') continue;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

export const VERSION = '0.1.0';
const OUTPUTS: OutputFormat[] = ['table', 'wide', 'json', 'yaml', 'tsv', 'id'];

export async function buildProgram(runner: Runner, argv: string[] = []): Promise<Command> {
  const program = new Command('pvectl')
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
    .option('--fingerprint <sha256>', 'pinned SHA-256 certificate fingerprint');

  const wanted = nounOf(argv);
  // `__complete -- WORD…` needs the verbs of the noun it completes, too
  const completing = wanted === '__complete' ? nounOf(argv.slice(argv.indexOf(wanted) + 1)) : undefined;
  await Promise.all(
    NOUNS.map(async ({ name, summary, hidden, load }) => {
      const noun = program.command(name, { hidden }).description(summary);
      if (noun.name() === wanted || noun.name() === completing) (await load()).register(noun, runner);
    }),
  );
  return program;
}
