// The `--watch [INTERVAL]` option of list verbs (the loop itself is in watch.ts, loaded when used).
import type { Command, OptionValues } from '@commander-js/extra-typings';
import { parseDuration } from '../lib/durations.js';
import type { VerbModule } from './runner.js';

export const DEFAULT_WATCH_MS = 2000;

export function watchOption<A extends unknown[], O extends OptionValues, G extends OptionValues>(
  cmd: Command<A, O, G>,
) {
  return cmd.option('--watch [interval]', 'run again every INTERVAL (default 2s) until Ctrl-C', (v) =>
    parseDuration(v, '--watch', '5s or 1m'),
  );
}

/** Commander gives `true` for a bare --watch. */
export const watchMs = (v: number | true | undefined): number | undefined =>
  v === undefined ? undefined : v === true ? DEFAULT_WATCH_MS : v;

/** The verb's loader, wrapped in the watch loop when --watch was given. */
export function watched<O>(
  load: () => Promise<VerbModule<O>>,
  watch: number | true | undefined,
  title: string,
): Promise<VerbModule<O>> {
  const ms = watchMs(watch);
  if (ms === undefined) return load();
  return import('./watch.js').then((w) => w.watching(load, ms, title));
}
