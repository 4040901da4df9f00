// The client's half of the termproxy protocol (pve-xtermjs termproxy/src/main.rs): byte lengths,
// the resize message, the ticket line and reading the proxy's OK; and the …/vncwebsocket URL.
import { describe, expect, it } from 'vitest';
import { PING, dataFrame, readOk, resizeFrame, ticketLine } from '../../src/api/console-frames.js';
import { consoleSocketUrl } from '../../src/api/console.js';
import { FrameReader } from '../../sim/src/console/frames.js';

describe('console frames', () => {
  it('data carries its length in bytes, not characters', () => {
    expect(dataFrame(Buffer.from('ls\r')).toString()).toBe('0:3:ls\r');
    expect(dataFrame(Buffer.from('\u00e9\u20ac')).toString()).toBe('0:5:\u00e9\u20ac');
    expect(dataFrame(Buffer.from([0x03])).equals(Buffer.from('0:1:\x03'))).toBe(true);
  });

  it('resize, ping and the ticket line', () => {
    expect(resizeFrame(132, 43)).toBe('1:132:43:');
    expect(resizeFrame(0, 10.7)).toBe('1:1:10:');
    expect(PING).toBe('2');
    expect(ticketLine('root@pam!pvectl', 'PVEVNC:6571A2B3::c2ln')).toBe('root@pam!pvectl:PVEVNC:6571A2B3::c2ln\n');
  });

  it("what the client sends is what the simulated proxy's parser reads back", () => {
    const wire = Buffer.concat([dataFrame(Buffer.from('a:b 0:9:')), Buffer.from(PING + resizeFrame(80, 24))]);
    expect(new FrameReader().push(wire)).toEqual([
      { kind: 'data', data: Buffer.from('a:b 0:9:') },
      { kind: 'ping' },
      { kind: 'resize', cols: 80, rows: 24 },
    ]);
  });

  it("reads the proxy's OK, split or not, with what follows it", () => {
    expect(readOk(Buffer.from('O'))).toEqual({ state: 'wait' });
    expect(readOk(Buffer.from('OKlogin: '))).toEqual({ state: 'ok', rest: Buffer.from('login: ') });
    expect(readOk(Buffer.from('HTTP/1.1 401'))).toEqual({ state: 'refused' });
    expect(readOk(Buffer.from('o'))).toEqual({ state: 'refused' });
  });

  it('the vncwebsocket URL: wss, port and the ticket encoded', () => {
    const url = consoleSocketUrl(
      'https://pve.example:8006',
      { node: 'pve1', type: 'lxc', vmid: 200 },
      {
        port: 5900,
        ticket: 'PVEVNC:6571A2B3::a+b/c=',
      },
    );
    expect(url).toBe(
      'wss://pve.example:8006/api2/json/nodes/pve1/lxc/200/vncwebsocket' +
        '?port=5900&vncticket=PVEVNC%3A6571A2B3%3A%3Aa%2Bb%2Fc%3D',
    );
  });
});
