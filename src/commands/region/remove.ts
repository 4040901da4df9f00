// region remove NAME: asks on a terminal; without one it needs --yes (--dry-run: says what it would remove).
import type { Context } from '../../context.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { knownRegionsHint, openStore } from '../../config/store.js';

export interface RemoveOptions {
  name: string;
}

export async function run(ctx: Context, opts: RemoveOptions): Promise<void> {
  const store = await openStore(ctx.env, { warn: (m) => ctx.warn(m) });
  const region = store.get(opts.name);
  if (!region) {
    throw new NotFoundError(`Region "${opts.name}" is not configured.`, {
      hint: knownRegionsHint(store.list().map((r) => r.name)),
    });
  }
  if (ctx.globals.dryRun) {
    // nothing changes, so there is nothing to confirm
    const current = store.current() === opts.name ? ' (it is the current region: none would be current)' : '';
    ctx.io.stdout.write(`would remove region "${opts.name}" and its token from ${store.path}${current}\n`);
    return;
  }
  if (!ctx.globals.yes) {
    if (!ctx.io.stdinTTY) {
      throw new UsageError(`Not removing region "${opts.name}": stdin is not a terminal, so pvectl cannot ask.`, {
        hint: `Pass --yes to remove it: pvectl region remove ${opts.name} --yes`,
      });
    }
    const yes = await ctx.prompt.confirm(
      `Remove region "${opts.name}" (${region.url}) and its token from ${store.path}?`,
    );
    if (!yes) {
      ctx.info('Nothing was removed.');
      return;
    }
  }
  const wasCurrent = store.current() === opts.name;
  store.remove(opts.name);
  ctx.info(`Region "${opts.name}" removed.`);
  if (wasCurrent) {
    ctx.info("It was the current region; pick another with 'pvectl region use NAME'.");
  }
}
