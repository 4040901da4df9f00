// region show NAME: one region's settings, the token secret masked in every format.
import type { Context } from '../../context.js';
import { NotFoundError } from '../../errors.js';
import { knownRegionsHint, openStore } from '../../config/store.js';
import { printObject } from '../../output/print.js';
import { objectView } from './view.js';

export interface ShowOptions {
  name: string;
}

export async function run(ctx: Context, opts: ShowOptions): Promise<void> {
  const store = await openStore(ctx.env, { warn: (m) => ctx.warn(m) });
  const region = store.get(opts.name);
  if (!region) {
    throw new NotFoundError(`Region "${opts.name}" is not configured.`, {
      hint: knownRegionsHint(store.list().map((r) => r.name)),
    });
  }
  await printObject(ctx, objectView(region, store.current()));
}
