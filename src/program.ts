// The root command and global options. Nouns register their verbs from src/commands/<noun>/index.ts;
// verb code is imported only when that verb runs.
import { Command, Option } from 'commander';
import type { GlobalOptions, OutputFormat } from './context.js';
import { parseDuration } from './lib/durations.js';
import { registerApi } from './commands/api/index.js';
import { registerCompletion } from './commands/completion/index.js';
import { registerCost } from './commands/cost/index.js';
import { registerCt } from './commands/ct/index.js';
import { registerNode } from './commands/node/index.js';
import { registerOs } from './commands/os/index.js';
import { registerRegion } from './commands/region/index.js';
import { registerTask } from './commands/task/index.js';
import { registerVm } from './commands/vm/index.js';
import type { Runner } from './commands/runner.js';

export const VERSION = '0.1.0';
const OUTPUTS: OutputFormat[] = ['table', 'wide', 'json', 'yaml', 'tsv', 'id'];

export function buildProgram(runner: Runner): Command {
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

  for (const register of [registerRegion, registerNode, registerVm, registerCt, registerOs, registerTask, registerApi, registerCost, registerCompletion]) {
    register(program, runner);
  }
  return program;
}

/** Reads the global options of any (sub)command; bad values are usage errors before any I/O. */
export function globalsOf(cmd: Command, env: Record<string, string | undefined>, stdoutTTY: boolean): GlobalOptions {
  const o = cmd.optsWithGlobals() as Record<string, unknown>;
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  const forceColor = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
  return {
    region: o.region as string | undefined,
    output: o.output as OutputFormat,
    columns: typeof o.columns === 'string' ? o.columns.split(',').map((c) => c.trim().toLowerCase()).filter(Boolean) : undefined,
    headers: o.headers !== false,
    quiet: o.quiet === true,
    verbose: o.verbose === true,
    dryRun: o.dryRun === true,
    wait: o.wait !== false,
    timeoutMs: typeof o.timeout === 'string' ? parseDuration(o.timeout) : undefined,
    yes: o.yes === true,
    color: o.color !== false && !noColor && (forceColor || stdoutTTY),
    insecure: o.insecure === true ? true : undefined,
    caFile: o.caFile as string | undefined,
    fingerprint: o.fingerprint as string | undefined,
  };
}
