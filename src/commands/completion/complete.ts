// `pvectl __complete -- WORD…`: the candidates for the last word, one a line, for the shell
// scripts (script.ts). The scripts stay a few lines each; what can come next is decided here,
// from the command tree, and the same for bash, zsh and fish.
import type { CommandUnknownOpts as Command } from '@commander-js/extra-typings';
import type { Context } from '../../context.js';
import { analyse } from './analyse.js';
import { liveValues } from './live.js';

export interface CompleteOptions {
  words: string[];
  program: Command;
}

export async function run(ctx: Context, opts: CompleteOptions): Promise<void> {
  const want = analyse(opts.program, opts.words.length ? opts.words : ['']);
  const values = [...want.words, ...(await liveValues(ctx, want))];
  const matching = [...new Set(values)].filter((v) => v.startsWith(want.current) && !/[\x00-\x1f\x7f]/.test(v));
  ctx.io.stdout.write(matching.map((v) => `${want.prefix}${v}\n`).join(''));
}
