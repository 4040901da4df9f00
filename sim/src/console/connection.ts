// One client on a console session: what proxmox-termproxy does with the bytes the WebSocket
// carries (pve-xtermjs termproxy/src/main.rs `do_main`): read `USER:TICKET\n`, check that the
// ticket is the one it was started with (`--ticket-fd`) and that the user may use VM.Console on
// the path (`authenticate` → POST /access/vncticket, which takes a token's id since
// pve-access-control 9.0.4), answer `OK`, then run the console program on a terminal.
import type { SimCore } from '../core.js';
import { hasPriv } from '../core.js';
import { nameOf } from '../model/guest-facts.js';
import { FakeShell } from './fake-shell.js';
import { FrameReader, ticketLine } from './frames.js';
import { endSession, type ConsoleSession } from './sessions.js';

export interface ConsoleSocket {
  send(data: Buffer | string): void;
  close(): void;
  onMessage(fn: (data: Buffer) => void): void;
  onClose(fn: () => void): void;
}

export function attachConsole(core: SimCore, s: ConsoleSession, sock: ConsoleSocket): void {
  if (s.attached) return sock.close(); // termproxy accepts one client, then stops listening
  s.attached = true;
  core.timers.cancel(s.acceptTimer);
  let pending: Buffer | undefined = Buffer.alloc(0); // before authentication
  let shell: FakeShell | undefined;
  const frames = new FrameReader();
  let done = false;
  const finish = (error?: string) => {
    if (done) return;
    done = true;
    sock.close();
    endSession(core, s, error);
  };
  sock.onClose(() => finish());
  sock.onMessage((chunk) => {
    if (done) return;
    if (pending !== undefined) {
      const line = ticketLine((pending = Buffer.concat([pending, chunk])));
      if (line === undefined) return;
      if (line === null) return finish('failed reading ticket: authentication data is invalid');
      const allowed = line.ticket === s.ticket && line.authid === s.who.authid && hasPriv(s.who, 'VM.Console');
      if (!allowed) return finish('authentication request failed');
      pending = undefined;
      sock.send('OK');
      shell = startProgram(
        s,
        (text) => sock.send(Buffer.from(text)),
        () => finish(),
      );
      chunk = line.rest;
    }
    for (const m of frames.push(chunk)) {
      if (m.kind === 'data') shell?.input(m.data);
      else if (m.kind === 'resize' && shell) [shell.cols, shell.rows] = [m.cols, m.rows];
    }
  });
}

// `qm terminal VMID -escape 0 [-iface serialN]` (qemu-server src/PVE/CLI/qm.pm `terminal`) or the
// container's console (`lxc-console` under dtach), with the fake shell behind it.
function startProgram(s: ConsoleSession, write: (t: string) => void, end: () => void): FakeShell | undefined {
  const g = s.guest;
  const stop = (message: string) => {
    write(`${message}\r\n`);
    end();
    return undefined;
  };
  let banner = '';
  if (g.type === 'qemu') {
    const socketIface = ['serial0', 'serial1', 'serial2', 'serial3'].find((k) => g.config[k] === 'socket');
    const iface = s.serial ?? socketIface;
    if (s.serial && !g.config[s.serial]) return stop(`serial interface '${s.serial}' is not configured`);
    if (s.serial && g.config[s.serial] !== 'socket') return stop(`wrong serial type on interface '${s.serial}'`);
    if (!iface) return stop('unable to find a serial interface');
    if (g.status !== 'running') return stop(`VM ${g.vmid} not running`);
    banner = `starting serial terminal on interface ${iface}\r\n`;
  } else if (g.status !== 'running') {
    return stop(`CT ${g.vmid} not running`);
  }
  const shell = new FakeShell({ write, end }, `root@${nameOf(g)}:~# `);
  shell.start(banner);
  return shell;
}
