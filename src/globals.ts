// The global options of any (sub)command as the verbs see them; bad values are usage errors
// before any I/O.
import type { Command } from 'commander';
import type { GlobalOptions, OutputFormat } from './context.js';
import { parseDuration } from './lib/durations.js';

export function globalsOf(cmd: Command, env: Record<string, string | undefined>, stdoutTTY: boolean): GlobalOptions {
  const o = cmd.optsWithGlobals() as Record<string, unknown>;
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  const forceColor = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
  return {
    region: o.region as string | undefined,
    output: o.output as OutputFormat,
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
    caFile: o.caFile as string | undefined,
    fingerprint: o.fingerprint as string | undefined,
  };
}
