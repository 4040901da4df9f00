// Once a listing's answer is in, the process has a few tens of milliseconds left: converting and
// printing the rows. V8 optimises a function with TurboFan after a set amount of execution (its
// interrupt budget, 132 KB of bytecode on Node 20), and a 5,000-guest table made a dozen such
// functions hot: cell loops, the byte copy, humanCell. Those compilations cost more CPU than the
// optimised code saved before the process ended (measured: vm list of 5,030 VMs, TurboFan off
// from the answer on, ~45 ms less CPU and no more wall time; 37,500 VMs: about even). A budget
// eight times the default keeps TurboFan for code that stays hot much longer (a 50,000-guest
// listing, a --watch loop) and spares the short run the compilations: vm list of 5,030 VMs used
// ~50-65 ms less CPU, of 37,500 ~35 ms less (bench/README.md, issue 13).
//
// The flag is a threshold only: it changes when V8 compiles code, never what the code does. Node
// documents flags changed at run time as possibly ineffective; this one is read each time a
// function's budget is reset (V8's TieringManager), and console-agent.ts sets one the same way
// (src/lib/v8-flags.ts: the code cache is written first, under the flags every start has).
import { setV8Flag } from '../../lib/v8-flags.js';

/** Bytecode executed before V8 considers a function for TurboFan: 8 × Node 20's default. */
export const LISTING_INTERRUPT_BUDGET = 8 * 132 * 1024;

/**
 * The flag for the running V8, or undefined: V8 11 (Node 20) tiers up by interrupt budget; V8 12+
 * (Node 22, 24) by invocation counts with Maglev in between, has no --interrupt-budget (setting it
 * prints "unrecognized flag"), and was not measured: it keeps its defaults.
 */
export function listingTieringFlag(v8Version = process.versions.v8): string | undefined {
  return Number(v8Version.split('.')[0]) === 11 ? `--interrupt-budget=${LISTING_INTERRUPT_BUDGET}` : undefined;
}

let done = false;

/** For the rest of the process, only code that stays hot is optimised. Once per process. */
export function optimiseOnlyLongRuns(): void {
  if (done) return;
  done = true;
  const flag = listingTieringFlag();
  if (flag) setV8Flag(flag);
}
