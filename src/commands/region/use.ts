// region use NAME: make NAME the region of calls that name none (--dry-run: say so, change nothing).
import type { Context } from '../../context.js';
import { NotFoundError } from '../../errors.js';
import { knownRegionsHint, openStore } from '../../config/store.js';

export interface UseOptions {
  name: string;
}

export async function run(ctx: Context, opts: UseOptions): Promise<void> {
  const store = await openStore(ctx.env, { warn: (m) => ctx.warn(m) });
  if (ctx.globals.dryRun) {
    if (!store.get(opts.name)) {
      throw new NotFoundError(`Region "${opts.name}" is not configured.`, {
        hint: knownRegionsHint(store.list().map((r) => r.name)),
      });
    }
    ctx.io.stdout.write(`would make region "${opts.name}" the current region in ${store.path}\n`);
    return;
  }
  store.use(opts.name);
  ctx.info(`Now using region "${opts.name}".`);
}
