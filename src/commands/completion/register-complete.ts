// The hidden `__complete` noun that the completion scripts call on every Tab. program.ts builds
// the verbs of the noun named in its words, so the tree analysed here is the real one.
import type { NounCommand } from '../../program.js';
import type { Runner } from '../runner.js';

export function register(complete: NounCommand<[string[]]>, runner: Runner): void {
  complete.action((words, _o, cmd) => runner(cmd, () => import('./complete.js'), { words, program: complete.parent! }));
}
