// How a declared verb reaches its code: the action hands a loader and the parsed options to
// the runner (main.ts), which builds the Context, imports the verb and calls run(ctx, opts).
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';

export interface VerbModule<O> {
  run(ctx: Context, opts: O): Promise<void>;
}

export type Runner = <O>(cmd: Command, load: () => Promise<VerbModule<O>>, opts: O) => Promise<void>;

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function positiveInt(flag: string, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) {
      throw new UsageError(`${flag}: "${value}" must be a whole number from 1 to ${max}`);
    }
    return Number(value);
  };
}

export function oneOf<T extends string>(flag: string, allowed: readonly T[]) {
  return (value: string): T => {
    if (!(allowed as readonly string[]).includes(value)) {
      throw new UsageError(`${flag}: "${value}" is not one of ${allowed.join(', ')}`);
    }
    return value as T;
  };
}
