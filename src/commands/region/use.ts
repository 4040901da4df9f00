// region use NAME: make NAME the region of calls that name none.
import type { Context } from '../../context.js';
import { openStore } from '../../config/store.js';

export interface UseOptions {
  name: string;
}

export async function run(ctx: Context, opts: UseOptions): Promise<void> {
  const store = await openStore(ctx.env);
  store.use(opts.name);
  ctx.info(`Now using region "${opts.name}".`);
}
