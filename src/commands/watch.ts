// --watch [INTERVAL] for list verbs: the verb runs again every interval. On a terminal each run
// redraws the alternate screen (left again on exit, so the shell's screen comes back as it was);
// piped, each run is a new block after a blank line. Ctrl-C ends the watch: that is success (0).
// The waits use the Context's clock, so tests drive it without real time.
import type { Context } from '../context.js';
import { formatTime } from '../output/humanize.js';
import type { VerbModule } from './runner.js';

const ENTER = '\x1b[?1049h';
const LEAVE = '\x1b[?1049l';
const HOME_CLEAR = '\x1b[H\x1b[2J';

/** The verb in a loop; `watched` and `intervalMs` say what for whoever inspects it (argv tests). */
export interface WatchedVerb<O> extends VerbModule<O> {
  watched: VerbModule<O>;
  intervalMs: number;
}

export async function watching<O>(
  load: () => Promise<VerbModule<O>>,
  intervalMs: number,
  title: string,
): Promise<WatchedVerb<O>> {
  const verb = await load();
  return { watched: verb, intervalMs, run: (ctx, opts) => watchLoop(ctx, intervalMs, title, (c) => verb.run(c, opts)) };
}

export async function watchLoop(
  ctx: Context,
  intervalMs: number,
  title: string,
  once: (c: Context) => Promise<void>,
): Promise<void> {
  let frame = '';
  // the verb writes into the frame, which is then put on the screen (or the pipe) in one write
  const c: Context = { ...ctx, io: { ...ctx.io, stdout: { write: (s: string) => (frame += s) } } };
  const tty = ctx.io.stdoutTTY;
  let entered = false;
  let runs = 0;
  try {
    for (;;) {
      frame = '';
      await once(c);
      if (tty) {
        if (!entered) ctx.io.stdout.write(ENTER);
        entered = true;
        const at = formatTime(Math.floor(ctx.clock.now() / 1000));
        const header = `Every ${intervalMs / 1000}s: pvectl ${title}    ${at}`;
        ctx.io.stdout.write(`${HOME_CLEAR}${header}\n\n${frame}`);
      } else {
        ctx.io.stdout.write(`${runs > 0 ? '\n' : ''}${frame}`);
      }
      runs++;
      await ctx.clock.sleep(intervalMs, ctx.signal);
    }
  } catch (err) {
    if (ctx.signal.aborted) return;
    throw err;
  } finally {
    if (entered) ctx.io.stdout.write(LEAVE);
  }
}
