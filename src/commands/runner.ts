// How a declared verb reaches its code: the action hands a loader and the parsed options to
// the runner (main.ts), which builds the Context, imports the verb and calls run(ctx, opts).
import type { Command, OptionValues } from '@commander-js/extra-typings';
import type { Context } from '../context.js';
import type { GlobalFlags } from '../program.js';
import { UsageError } from '../errors.js';

export interface VerbModule<O> {
  run(ctx: Context, opts: O): Promise<void>;
}

/** The verb's command as the runner sees it: any arguments and options, the global ones typed. */
export type VerbCommand = Command<unknown[], OptionValues, GlobalFlags>;

/**
 * Runs a verb. O is inferred from the module alone (NoInfer), so the options object the action
 * builds must be exactly what the verb's run() takes, not whatever the two have in common.
 */
export type Runner = <O>(cmd: VerbCommand, load: () => Promise<VerbModule<O>>, opts: NoInfer<O>) => Promise<void>;

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

/**
 * A VMID to create a guest with: apidoc.json gives `vmid` of POST /nodes/{node}/qemu and
 * /nodes/{node}/lxc and `newid` of .../clone as "pve-vmid", minimum 100, maximum 999999999.
 */
export function vmid(flag: string) {
  return (value: string): number => {
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    if (n < VMID_MIN) throw new UsageError(`${flag} ${value}: VMIDs start at ${VMID_MIN}`);
    if (!(n <= VMID_MAX)) {
      throw new UsageError(`${flag}: "${value}" must be a whole number from ${VMID_MIN} to ${VMID_MAX}`);
    }
    return n;
  };
}
const VMID_MIN = 100;
const VMID_MAX = 999_999_999;

export function oneOf<const T extends string>(flag: string, allowed: readonly T[]) {
  return (value: string): T => {
    const match = allowed.find((a) => a === value);
    if (match === undefined) throw new UsageError(`${flag}: "${value}" is not one of ${allowed.join(', ')}`);
    return match;
  };
}
