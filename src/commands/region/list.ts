// region list: configured regions, the current one marked. JSON rows carry no secret.
import type { Context } from '../../context.js';
import { openStore } from '../../config/store.js';
import { printList } from '../../output/print.js';
import { listView } from './view.js';

export async function run(ctx: Context, _opts: Record<string, never> = {}): Promise<void> {
  const store = await openStore(ctx.env, { warn: (m) => ctx.warn(m), readOnly: true });
  await printList(ctx, {
    ...listView(store.list(), store.current()),
    empty: "No regions configured. Add one with 'pvectl region add NAME --url URL --token-id USER@REALM!TOKEN'.",
  });
}
