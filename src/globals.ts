// The global options of any (sub)command as the verbs see them; bad values are usage errors
// before any I/O.
import type { GlobalOptions } from './context.js';
import type { GlobalFlags } from './program.js';
import { parseDuration } from './lib/durations.js';
import { UsageError } from './errors.js';

/** What a verb's command offers: its own options merged with the root's (typed in program.ts). */
export interface WithGlobals {
  optsWithGlobals(): GlobalFlags;
}

export function globalsOf(
  cmd: WithGlobals,
  env: Record<string, string | undefined>,
  stdoutTTY: boolean,
): GlobalOptions {
  const o = cmd.optsWithGlobals();
  // refused rather than ignored: a script asking for columns in json would get every field silently
  if (typeof o.columns === 'string' && ['json', 'yaml', 'id'].includes(o.output)) {
    throw new UsageError(`--columns picks columns of table, wide and tsv output; -o ${o.output} has no columns`, {
      hint: `Drop --columns, or use -o tsv --columns ${o.columns} for picked columns a script can read.`,
    });
  }
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  const forceColor = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
  return {
    region: o.region,
    output: o.output,
    columns:
      typeof o.columns === 'string'
        ? o.columns
            .split(',')
            .map((c) => c.trim().toLowerCase())
            .filter(Boolean)
        : undefined,
    headers: o.headers !== false,
    quiet: o.quiet === true,
    verbose: o.verbose === true,
    dryRun: o.dryRun === true,
    wait: o.wait !== false,
    timeoutMs: typeof o.timeout === 'string' ? parseDuration(o.timeout) : undefined,
    yes: o.yes === true,
    color: o.color !== false && !noColor && (forceColor || stdoutTTY),
    insecure: o.insecure === true ? true : undefined,
    caFile: o.caFile,
    fingerprint: o.fingerprint,
  };
}
