// One console session between the local terminal and Proxmox's terminal proxy: the ticket line,
// the proxy's `OK`, then bytes both ways (input framed, see api/console-frames.ts), the size now and
// on every change, a keep-alive, and the ways out: Ctrl-] (0x1d), the guest side closing (`exit`),
// end of a piped stdin (Ctrl-D is sent, the shell logs out), a signal, Ctrl-C when stdin is not a
// terminal, a broken connection. The terminal is restored on each of them, exceptions included.
import type { Context } from '../../context.js';
import type { ConsoleSocket } from '../../api/console-socket.js';
import { PING, dataFrame, readOk, resizeFrame, ticketLine } from '../../api/console-frames.js';
import type { Termproxy } from '../../api/console.js';
import { AuthError, InterruptedError, TimeoutError } from '../../errors.js';
import type { LocalTerminal } from './console-terminal.js';

export const LEAVE_KEY = 0x1d; // Ctrl-]
const PING_MS = 30_000; // as the xterm.js client does
// termproxy answers the ticket line at once; a connection that went quiet before that (a network
// gone) would otherwise wait for TCP to give up, with the terminal not yet raw but no way to leave
export const OK_MS = 15_000;

export async function consoleSession(
  ctx: Context,
  sock: ConsoleSocket,
  t: Pick<Termproxy, 'user' | 'ticket'>,
  term: LocalTerminal,
): Promise<void> {
  try {
    // Ctrl-C while the connection was being made: nothing opens
    if (ctx.signal.aborted) {
      sock.close();
      throw new InterruptedError('interrupted; the console is closed');
    }
    await new Promise<void>((resolve, reject) => {
      let head: Buffer | undefined = Buffer.alloc(0); // until the proxy's OK
      let stopPing = () => {};
      let ended = false;
      const noOk = () =>
        end(new TimeoutError(`Proxmox's terminal proxy did not answer in ${OK_MS / 1000} s; the console is closed`));
      const stopWait = ctx.clock.timer?.(OK_MS, noOk) ?? (() => {});
      const end = (err?: Error) => {
        if (ended) return;
        ended = true;
        stopWait();
        stopPing();
        ctx.signal.removeEventListener('abort', onAbort);
        term.restore();
        sock.close();
        if (err) reject(err);
        else resolve();
      };
      const onAbort = () => end(new InterruptedError('interrupted; the console is closed'));
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      term.onSignal((sig) => end(new InterruptedError(`${sig}: the console is closed`)));
      const start = () => {
        stopWait();
        term.enterRaw();
        const size = term.size();
        if (size) sock.send(resizeFrame(size.cols, size.rows));
        term.onResize(() => {
          const s = term.size();
          if (s) sock.send(resizeFrame(s.cols, s.rows));
        });
        const ping = () => {
          sock.send(PING);
          stopPing = ctx.clock.timer?.(PING_MS, ping) ?? stopPing;
        };
        stopPing = ctx.clock.timer?.(PING_MS, ping) ?? stopPing;
        term.onInput(
          (data) => {
            const leave = data.indexOf(LEAVE_KEY);
            const keys = leave < 0 ? data : data.subarray(0, leave);
            if (keys.length > 0) sock.send(dataFrame(keys));
            if (leave >= 0) end();
          },
          () => sock.send(dataFrame(Buffer.from([0x04]))), // piped stdin ended: Ctrl-D, the shell logs out
        );
      };
      sock.onData((data) => {
        if (head !== undefined) {
          const r = readOk((head = Buffer.concat([head, data])));
          if (r.state === 'wait') return;
          if (r.state === 'refused') return end(refused());
          head = undefined;
          start();
          data = r.rest;
        }
        if (data.length > 0) term.write(data);
      });
      sock.onClose((err) => end(head !== undefined ? (err ?? refused()) : err));
      sock.send(ticketLine(t.user, t.ticket));
    });
  } finally {
    term.restore();
  }
}

function refused(): AuthError {
  return new AuthError("Proxmox's terminal proxy did not accept the console ticket", {
    hint:
      'API tokens can open consoles from Proxmox VE 9.1 (libpve-access-control 9.0.4) on, with VM.Console ' +
      'on /vms/<vmid>; older releases accept only a user ticket.',
  });
}
