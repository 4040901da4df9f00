// termproxy + vncwebsocket over real HTTPS with a `ws` client speaking what the xterm.js client
// speaks. Checked against: qemu-server src/PVE/API2/Qemu.pm and pve-container src/PVE/API2/LXC.pm
// (`termproxy`: {user, ticket, port, upid}, a `vncproxy` task; `vncwebsocket`: verify_vnc_ticket,
// then {port}); pve-access-control src/PVE/AccessControl.pm (`verify_vnc_ticket`, 401 "permission
// denied - invalid PVEVNC ticket" from pve-common Ticket.pm `verify_rsa_ticket`); pve-http-server
// src/PVE/APIServer/AnyEvent.pm (`handle_request` upgrades only after a 200, `websocket_proxy`
// echoes the subprotocol); pve-xtermjs termproxy/src/main.rs (`read_ticket_line`, `OK`,
// `process_queue`: `0:LEN:DATA`, `1:COLS:ROWS:`, `2`); qemu-server src/PVE/CLI/qm.pm (`terminal`).
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { FrameReader } from '../src/console/frames.js';
import { startSim, type SimServer } from '../../test/helpers/sim.js';

let s: SimServer;
beforeAll(async () => {
  s = await startSim({
    tokens: [
      { id: 'root@pam!pvectl', secret: '11111111-2222-3333-4444-555555555555' },
      { id: 'auditor@pve!ro', secret: '22222222-2222-3333-4444-555555555555', privs: ['VM.Audit'] },
    ],
  });
  s.sim.state.guests.get(100)!.config.serial0 = 'socket';
});
afterAll(() => s.close());

const auth = (token = s.token) => ({ Authorization: `PVEAPIToken=${token}` });

function termproxy(path: string, token = s.token): Promise<{ status: number; statusText: string; body: any }> {
  return new Promise((resolve, reject) => {
    const req = https.request(`${s.url}/api2/json${path}/termproxy`, {
      method: 'POST',
      headers: auth(token),
      ca: s.caPem,
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', body: JSON.parse(text || '{}') }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

function open(path: string, t: { port: number; ticket: string }, token = s.token) {
  const q = new URLSearchParams({ port: String(t.port), vncticket: t.ticket });
  return new WebSocket(`${s.url.replace('https', 'wss')}/api2/json${path}/vncwebsocket?${q}`, ['binary'], {
    headers: auth(token),
    ca: s.caPem,
  });
}

/** Everything the console sends until `until` appears in it (or the socket closes). */
function readUntil(ws: WebSocket, until: string): Promise<string> {
  let seen = '';
  return new Promise((resolve) => {
    const done = () => {
      ws.off('message', on);
      resolve(seen);
    };
    const on = (d: Buffer) => {
      seen += d.toString();
      if (seen.includes(until)) done();
    };
    ws.on('message', on);
    ws.once('close', done);
  });
}

const frame = (text: string) => `0:${Buffer.byteLength(text)}:${text}`;

describe('termproxy + vncwebsocket', () => {
  it('a token opens the serial console: ticket line, OK, prompt, echo, resize, exit ends the task', async () => {
    const t = await termproxy('/nodes/pve1/qemu/100');
    expect(t.status).toBe(200);
    expect(t.body.data).toMatchObject({ user: 'root@pam!pvectl', port: 5900 });
    expect(t.body.data.ticket).toMatch(/^PVEVNC:[0-9A-F]{8}::[A-Za-z0-9+/=]{344}$/);
    expect(t.body.data.upid).toMatch(/^UPID:pve1:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:vncproxy:100:root@pam!pvectl:$/);
    const ws = open('/nodes/pve1/qemu/100', t.body.data);
    await new Promise((r) => ws.once('open', r));
    expect(ws.protocol).toBe('binary');
    const hello = readUntil(ws, '# ');
    ws.send(`root@pam!pvectl:${t.body.data.ticket}\n`);
    expect(await hello).toBe('OKstarting serial terminal on interface serial0\r\nroot@web-1:~# ');
    // one line typed in two messages, a frame split between them, then a resize and a ping
    const echoed = readUntil(ws, 'hello world\r\nroot@web-1:~# ');
    ws.send('0:6:hel');
    ws.send('lo 2');
    ws.send(frame('world\r'));
    expect(await echoed).toBe('hello world\r\nhello world\r\nroot@web-1:~# ');
    const size = readUntil(ws, '~# ');
    ws.send(`1:132:43:2${frame('stty size\r')}`);
    expect(await size).toContain('43 132\r\n');
    const task = s.sim.tasks.byUpid.get(t.body.data.upid)!;
    expect(task.status).toBe('running');
    const bye = readUntil(ws, 'logout');
    ws.send(frame('exit\r'));
    expect(await bye).toContain('exit\r\nlogout');
    await new Promise((r) => (ws.readyState === ws.CLOSED ? r(null) : ws.once('close', r)));
    expect(task.exitstatus).toBe('OK');
  });

  it('a container console; a wrong ticket line closes without OK and fails the task', async () => {
    const t = await termproxy('/nodes/pve1/lxc/200');
    const ws = open('/nodes/pve1/lxc/200', t.body.data);
    await new Promise((r) => ws.once('open', r));
    const all = readUntil(ws, '\u0000never');
    ws.send('root@pam!pvectl:PVEVNC:00000000::forged\n');
    expect(await all).toBe('');
    expect(s.sim.tasks.byUpid.get(t.body.data.upid)!.exitstatus).toBe('authentication request failed');
  });

  it('vncwebsocket refuses a ticket for another port as 401, before any upgrade', async () => {
    const t = await termproxy('/nodes/pve1/lxc/200');
    const ws = open('/nodes/pve1/lxc/200', { port: t.body.data.port + 1, ticket: t.body.data.ticket });
    const status = await new Promise((r) => ws.once('unexpected-response', (_req, res) => r(res.statusCode)));
    expect(status).toBe(401);
    const log = s.sim.requestLog.filter((e) => e.path.endsWith('/vncwebsocket'));
    expect(log.at(-1)).toMatchObject({ method: 'GET', status: 401 });
  });

  // PVE: DELETE /nodes/{node}/tasks/{upid} kills the vncproxy worker and with it termproxy, so its
  // port is free and its ticket opens nothing (pve-manager API2/Tasks.pm `stop_task`)
  it('a stopped vncproxy task ends its session: the port is free again, vncwebsocket refuses (401)', async () => {
    const t = await termproxy('/nodes/pve1/lxc/200');
    const stopped = await new Promise<number>((resolve, reject) => {
      const path = `/api2/json/nodes/pve1/tasks/${encodeURIComponent(t.body.data.upid)}`;
      const req = https.request(`${s.url}${path}`, { method: 'DELETE', headers: auth(), ca: s.caPem });
      req.on('response', (res) => (res.resume(), resolve(res.statusCode ?? 0)));
      req.on('error', reject);
      req.end();
    });
    expect(stopped).toBe(200);
    const ws = open('/nodes/pve1/lxc/200', t.body.data);
    expect(await new Promise((r) => ws.once('unexpected-response', (_req, res) => r(res.statusCode)))).toBe(401);
    expect((await termproxy('/nodes/pve1/lxc/200')).body.data.port).toBe(t.body.data.port);
  });

  it("a client's protocol error (an unmasked frame) closes its connection; the simulator stays up", async () => {
    const t = await termproxy('/nodes/pve1/lxc/200');
    const ws = open('/nodes/pve1/lxc/200', t.body.data);
    await new Promise((r) => ws.once('open', r));
    ws.on('error', () => {}); // the server's close frame says why: 1002, protocol error
    // a client frame must be masked (RFC 6455 5.1): a raw binary frame of one byte without a mask
    (ws as unknown as { _socket: { write(b: Buffer): void } })._socket.write(Buffer.from([0x82, 0x01, 0x41]));
    await new Promise((r) => (ws.readyState === ws.CLOSED ? r(null) : ws.once('close', r)));
    expect((await termproxy('/nodes/pve1/lxc/200')).status).toBe(200);
  });

  it('VM.Console is needed (403), a stopped VM says so on the terminal', async () => {
    const denied = await termproxy('/nodes/pve1/qemu/100', 'auditor@pve!ro=22222222-2222-3333-4444-555555555555');
    expect(denied.status).toBe(403);
    expect(denied.statusText).toBe('Permission check failed (/vms/100, VM.Console)');
    s.sim.state.guests.get(102)!.config.serial0 = 'socket';
    const t = await termproxy('/nodes/pve1/qemu/102');
    const ws = open('/nodes/pve1/qemu/102', t.body.data);
    await new Promise((r) => ws.once('open', r));
    const all = readUntil(ws, '\u0000never');
    ws.send(`root@pam!pvectl:${t.body.data.ticket}\n`);
    expect(await all).toBe('OKVM 102 not running\r\n');
  });

  it('schema: no request broke it', () => {
    expect(s.sim.requestLog.filter((e) => e.violation)).toEqual([]);
  });
});

describe('FrameReader', () => {
  it('splits data, resize and ping; skips unknown bytes; waits for incomplete ones', () => {
    const r = new FrameReader();
    expect(r.push(Buffer.from('0:3:ab'))).toEqual([{ kind: 'data', data: Buffer.from('ab') }]);
    expect(r.push(Buffer.from('c21:80:2'))).toEqual([{ kind: 'data', data: Buffer.from('c') }, { kind: 'ping' }]);
    expect(r.push(Buffer.from('4:x0:1:\u00e9'))).toEqual([
      { kind: 'resize', cols: 80, rows: 24 },
      { kind: 'data', data: Buffer.from('\u00e9').subarray(0, 1) },
    ]);
  });
});
