// Progress on stderr while waiting. On a TTY: one spinner line with the step, its detail and the
// elapsed time, redrawn in place ~10 times a second. Not a TTY: at most one plain line per finished
// step. With -q: nothing. Anything for stdout goes through `out()` so the spinner never mixes in.
import type { Clock, Context } from '../context.js';
import { safeLine, safeMessage } from './safe-text.js';

export interface Progress {
  /** begin a step ("Cloning template 9000"); a step still open is ended without a line */
  step(label: string): void;
  /** detail next to the step, e.g. "52%" */
  update(detail: string): void;
  /** feed a Proxmox task log line: a percentage in it becomes the detail */
  log(line: string): void;
  /** the step finished: "✓ cloned (3s)" on a TTY, "Cloning template 9000: cloned" otherwise */
  done(message?: string): void;
  /** the step failed: the spinner stops and the message is said once */
  fail(message: string): void;
  /** write to stdout without the spinner getting in the way */
  out(text: string): void;
  /** clear the spinner line and stop its timer (idempotent; call before exiting) */
  stop(): void;
}

type ProgressContext = Pick<Context, 'io' | 'globals' | 'clock'>;

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const CLEAR_LINE = '\r\x1b[2K';
const FRAME_MS = 100;

/** "downloaded 52% of 2.1 GiB", "transferred 1.0 GiB of 32.0 GiB (3.13%)", "progress 52% (read …)" */
export function percentOf(line: string): string | undefined {
  if (!/\b(download(?:ed|ing)?|transferred|progress)\b/i.test(line)) return undefined;
  const m = /(\d{1,3}(?:\.\d+)?)\s*%/.exec(line);
  if (!m) return undefined;
  const pct = Number(m[1]);
  return pct >= 0 && pct <= 100 ? `${Math.floor(pct)}%` : undefined;
}

export function progress(ctx: ProgressContext): Progress {
  if (ctx.globals.quiet) return safe(silent(ctx));
  return safe(ctx.io.stderrTTY ? spinner(ctx) : plain(ctx));
}

// Labels, details, messages and result lines often carry a guest name, an error text or a task log
// line from the cluster: shown escaped, like every table cell (the spinner's own control
// sequences are added after).
function safe(p: Progress): Progress {
  const opt = (m: string | undefined) => (m === undefined ? m : safeLine(m));
  return {
    ...p,
    step: (label) => p.step(safeLine(label)),
    update: (detail) => p.update(safeLine(detail)),
    done: (message) => p.done(opt(message)),
    fail: (message) => p.fail(safeLine(message)),
    out: (text) => p.out(safeMessage(text)),
  };
}

function silent(ctx: ProgressContext): Progress {
  const noop = () => {};
  return {
    step: noop,
    update: noop,
    log: noop,
    done: noop,
    fail: noop,
    stop: noop,
    out: (t) => void ctx.io.stdout.write(t),
  };
}

function plain(ctx: ProgressContext): Progress {
  let label: string | undefined;
  return {
    step(l) {
      label = l;
    },
    update() {},
    log() {},
    done(message) {
      if (label === undefined && message === undefined) return;
      ctx.io.stderr.write(`${[label, message].filter(Boolean).join(': ')}\n`);
      label = undefined;
    },
    fail(message) {
      ctx.io.stderr.write(`${[label, message].filter(Boolean).join(': ')}\n`);
      label = undefined;
    },
    out(text) {
      ctx.io.stdout.write(text);
    },
    stop() {
      label = undefined;
    },
  };
}

function spinner(ctx: ProgressContext): Progress {
  const err = ctx.io.stderr;
  let label: string | undefined;
  let detail = '';
  let started = 0;
  let frame = 0;
  let drawn = false;
  let timer: (() => void) | undefined; // stops the frames

  const elapsed = () => `${Math.floor((ctx.clock.now() - started) / 1000)}s`;
  const draw = () => {
    if (label === undefined || !timer) return;
    frame = (frame + 1) % FRAMES.length;
    err.write(`${CLEAR_LINE}${FRAMES[frame]} ${label}${detail ? ` ${detail}` : ''} (${elapsed()})`);
    drawn = true;
  };
  const clear = () => {
    if (drawn) err.write(CLEAR_LINE);
    drawn = false;
  };
  const halt = () => {
    timer?.();
    timer = undefined;
    clear();
  };
  const finish = (mark: string, message: string | undefined) => {
    const text = message ?? label;
    const took = label !== undefined ? ` (${elapsed()})` : '';
    halt();
    if (text !== undefined) err.write(`${mark} ${text}${took}\n`);
    label = undefined;
  };

  return {
    step(l) {
      label = l;
      detail = '';
      started = ctx.clock.now();
      if (!timer) {
        timer = every(ctx.clock, FRAME_MS, draw);
      }
      draw();
    },
    update(d) {
      detail = d;
    },
    log(line) {
      const pct = percentOf(line);
      if (pct) detail = pct;
    },
    done(message) {
      finish('✓', message);
    },
    fail(message) {
      finish('✗', message);
    },
    out(text) {
      // not redrawn here: the next frame does it, so a stop() right after the last line (a bulk
      // verb's last result) leaves no spinner behind that text
      clear();
      ctx.io.stdout.write(text);
    },
    stop() {
      halt();
      label = undefined;
    },
  };
}

/**
 * Calls fn every ms on the clock (so that frames follow a test's virtual time); the returned
 * function stops it. A forgotten spinner must never keep the process alive: the system clock's
 * timers are unref'd, and so is the setInterval of a clock without timers.
 */
function every(clock: Clock, ms: number, fn: () => void): () => void {
  const timer = clock.timer?.bind(clock);
  if (!timer) {
    const t = setInterval(fn, ms);
    t.unref?.();
    return () => clearInterval(t);
  }
  let cancel: () => void = () => {};
  const arm = () => {
    cancel = timer(ms, () => {
      arm();
      fn();
    });
  };
  arm();
  return () => cancel();
}
