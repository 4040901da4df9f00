// WebSocket upgrades on the HTTPS server, as pve-http-server AnyEvent.pm `handle_request` does
// them: a GET to a path ending in `websocket` with `Upgrade: websocket` is first answered like any
// API call (auth, schema, the route: vncwebsocket checks its ticket); only a 200 switches
// protocols, echoing the client's subprotocol, and joins the socket to the console on `port`.
// Any other answer goes back as a plain HTTP response and the connection is closed.
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { getResponse, type RequestHandler } from 'msw';
import { WebSocketServer } from 'ws';
import type { ConsoleSocket } from './connection.js';

export interface ConsoleHost {
  handlers: RequestHandler[];
  /** joins a socket to the console session on port; false when there is none */
  openConsole?(port: number, sock: ConsoleSocket): boolean;
}

export function consoleUpgrader(sim: ConsoleHost, base: () => string) {
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => [...protocols][0] ?? false });
  // upgraded sockets are no longer the HTTP server's: closeAllConnections() does not see them
  const open = new Set<Duplex>();
  const handle = async (req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => socket.destroy());
    const url = new URL(`${base()}${req.url ?? '/'}`);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === 'string' && !/^(connection|upgrade|sec-websocket-)/.test(k)) headers.set(k, v);
    }
    let status = 501;
    let reason = `Method 'GET ${url.pathname.replace(/^\/api2\/json/, '')}' not implemented`;
    let port = 0;
    if (req.method === 'GET' && url.pathname.startsWith('/api2/json/') && /websocket$/.test(url.pathname)) {
      const res = await getResponse(sim.handlers, new Request(url, { headers }));
      // a dropped-connection fault (status 0) drops the socket, as server.ts respond does
      if (res?.type === 'error') return void socket.destroy();
      status = res?.status ?? 501;
      reason = res?.statusText || STATUS_CODES[status] || '';
      if (res && status === 200) port = Number(((await res.json()) as { data?: { port?: unknown } }).data?.port);
    }
    if (status !== 200 || !sim.openConsole) return refuse(socket, status, reason);
    wss.handleUpgrade(req, socket, head, (ws) => {
      // a client's protocol error (an unmasked frame, bad UTF-8, a frame too big) is reported here:
      // without a listener it would be thrown and end the simulator; ws is closing it already
      ws.on('error', () => ws.terminate());
      const sock: ConsoleSocket = {
        send: (data) => ws.send(typeof data === 'string' ? Buffer.from(data) : data),
        close: () => ws.close(),
        onMessage: (fn) => ws.on('message', (d: Buffer) => fn(Buffer.from(d))),
        onClose: (fn) => ws.on('close', fn),
      };
      if (!sim.openConsole!(port, sock)) ws.close();
    });
  };
  return { handle, closeAll: () => open.forEach((s) => s.destroy()) };
}

function refuse(socket: Duplex, status: number, reason: string): void {
  const text = reason.replace(/[\r\n]/g, ' ');
  socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
}
