// The console session's ways in and out, with a fake socket and terminal: the ticket line before
// anything else, no keys forwarded before the proxy's OK, Ctrl-] in the middle of a chunk, the
// proxy refusing (exit 4) or the connection breaking (exit 1), Ctrl-C when stdin is not a
// terminal (130), the end of piped input, the size and the keep-alive on the Context's clock;
// and the terminal restored each time.
import { describe, expect, it } from 'vitest';
import type { Clock, Context } from '../../src/context.js';
import type { ConsoleSocket } from '../../src/api/console-socket.js';
import { consoleSession } from '../../src/commands/guest/console-session.js';
import type { LocalTerminal } from '../../src/commands/guest/console-terminal.js';
import { AuthError, InterruptedError, NetworkError, TimeoutError } from '../../src/errors.js';

function fakes(known: { cols: number; rows: number } | null = { cols: 100, rows: 30 }, interrupted = false) {
  const size = known ?? undefined;
  const sent: string[] = [];
  const shown: string[] = [];
  const timers: Array<{ ms: number; fn: () => void; live: boolean }> = [];
  let onData: (d: Buffer) => void = () => {};
  let onClose: (e?: Error) => void = () => {};
  let onInput: (d: Buffer) => void = () => {};
  let onEnd: () => void = () => {};
  let onResize: () => void = () => {};
  const state = { closed: false, restored: 0, inputOpen: false, size, rawOn: false };
  const sock: ConsoleSocket = {
    send: (d) => void sent.push(d.toString()),
    close: () => void (state.closed = true),
    onData: (fn) => void (onData = fn),
    onClose: (fn) => void (onClose = fn),
  };
  const term: LocalTerminal = {
    raw: true,
    enterRaw: () => void (state.rawOn = true),
    size: () => state.size,
    onInput: (fn, end) => {
      state.inputOpen = true;
      [onInput, onEnd] = [fn, end];
    },
    onResize: (fn) => void (onResize = fn),
    onSignal: () => {},
    write: (d) => void shown.push(d.toString()),
    restore: () => void (state.restored = 1),
  };
  const clock: Clock = {
    now: () => 0,
    sleep: async () => {},
    timer: (ms, fn) => {
      const t = { ms, fn, live: true };
      timers.push(t);
      return () => void (t.live = false);
    },
  };
  const abort = new AbortController();
  if (interrupted) abort.abort(new Error('interrupted'));
  const ctx = { clock, signal: abort.signal } as unknown as Context;
  const ticket = { user: 'root@pam!pvectl', ticket: 'PVEVNC:00000000::sig' };
  const from = (s: string) => onData(Buffer.from(s));
  const type = (s: string) => onInput(Buffer.from(s));
  const done = consoleSession(ctx, sock, ticket, term);
  const fire = () => timers.filter((t) => t.live).forEach((t) => ((t.live = false), t.fn()));
  return {
    sent,
    shown,
    timers,
    state,
    from,
    type,
    done,
    abort,
    fire,
    resize: () => onResize(),
    end: () => onEnd(),
    close: (e?: Error) => onClose(e),
  };
}

describe('console session', () => {
  it('ticket line first; after OK: the size, the output, keys framed; Ctrl-] mid-chunk leaves', async () => {
    const f = fakes();
    expect(f.sent).toEqual(['root@pam!pvectl:PVEVNC:00000000::sig\n']);
    expect(f.state.inputOpen).toBe(false);
    f.from('O');
    f.from('Kroot@web-1:~# ');
    expect(f.sent.slice(1)).toEqual(['1:100:30:']);
    expect(f.shown).toEqual(['root@web-1:~# ']);
    f.type('ls\r');
    f.state.size = { cols: 120, rows: 40 };
    f.resize();
    f.type('ab\x1dcd');
    await f.done;
    expect(f.sent.slice(2)).toEqual(['0:3:ls\r', '1:120:40:', '0:2:ab']);
    expect(f.state).toMatchObject({ closed: true, restored: 1 });
  });

  it('the guest side closing ends it (exit 0); a keep-alive every 30 s until then', async () => {
    const f = fakes(null);
    f.from('OK');
    expect(f.sent).toHaveLength(1); // no size known: none sent
    // the wait for OK (15 s) is over: only the keep-alive runs
    expect(f.timers.filter((t) => t.live).map((t) => t.ms)).toEqual([30_000]);
    f.fire();
    f.fire();
    expect(f.sent.slice(1)).toEqual(['2', '2']);
    f.close();
    await f.done;
    expect(f.timers.every((t) => !t.live)).toBe(true);
    expect(f.state.restored).toBe(1);
  });

  it('the end of piped input sends Ctrl-D, and the session lasts until the guest closes', async () => {
    const f = fakes();
    f.from('OK');
    f.type('uptime\n');
    f.end();
    expect(f.sent.slice(2)).toEqual(['0:7:uptime\n', '0:1:\x04']);
    expect(f.state.closed).toBe(false);
    f.from('logout\r\n');
    f.close();
    await f.done;
    expect(f.shown).toEqual(['logout\r\n']);
  });

  it('a proxy that closes or answers anything but OK: AuthError (exit 4), nothing typed was sent', async () => {
    const closed = fakes();
    closed.close();
    await expect(closed.done).rejects.toBeInstanceOf(AuthError);
    const other = fakes();
    other.from('authentication failed');
    const err = await other.done.catch((e: AuthError) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as AuthError).exitCode).toBe(4);
    expect((err as AuthError).hint).toMatch(/VM\.Console/);
    expect([other.sent.length, other.state.restored, other.state.closed]).toEqual([1, 1, true]);
  });

  it('a broken connection is a NetworkError (exit 1); Ctrl-C (not raw) is 130; both restore', async () => {
    const broken = fakes();
    broken.from('OK');
    broken.close(new NetworkError('the console connection broke'));
    await expect(broken.done).rejects.toBeInstanceOf(NetworkError);
    expect(broken.state.restored).toBe(1);
    const stopped = fakes();
    stopped.from('OK');
    stopped.abort.abort(new Error('interrupted'));
    const err = await stopped.done.catch((e: InterruptedError) => e);
    expect(err).toBeInstanceOf(InterruptedError);
    expect((err as InterruptedError).exitCode).toBe(130);
    expect(stopped.state).toMatchObject({ restored: 1, closed: true });
  });

  it('raw mode only once the proxy said OK; no OK in 15 s: exit 6, closed, restored', async () => {
    const ok = fakes();
    expect(ok.state.rawOn).toBe(false); // until OK, Ctrl-C is still a signal that ends it
    ok.from('OK');
    expect(ok.state.rawOn).toBe(true);
    ok.close();
    await ok.done;
    const quiet = fakes();
    expect(quiet.timers.map((t) => t.ms)).toEqual([15_000]);
    quiet.fire();
    const err = await quiet.done.catch((e: TimeoutError) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as TimeoutError).exitCode).toBe(6);
    expect(quiet.state).toMatchObject({ rawOn: false, closed: true, restored: 1 });
  });

  it('Ctrl-C while the connection was being made: nothing is sent, 130, the socket closed', async () => {
    const f = fakes(undefined, true);
    const err = await f.done.catch((e: InterruptedError) => e);
    expect(err).toBeInstanceOf(InterruptedError);
    expect((err as InterruptedError).exitCode).toBe(130);
    expect(f.sent).toEqual([]);
    expect(f.state).toMatchObject({ rawOn: false, closed: true, restored: 1 });
  });
});
