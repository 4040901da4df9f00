// The console's WebSocket over real HTTPS against pvesim: the region's trust rules hold for it as
// for every API call (a wrong pin is refused before the upgrade request, and so before the token,
// is sent: exit 5), the token header is sent (pvesim refuses the upgrade without it), and bytes go
// both ways once it is open.
import { mkdtempSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSocketUrl } from '../../src/api/console.js';
import { openConsoleSocket } from '../../src/api/console-socket.js';
import type { Region } from '../../src/config/types.js';
import { TlsError } from '../../src/errors.js';
import { startSim, type SimServer } from '../helpers/sim.js';

let s: SimServer;
beforeAll(async () => {
  s = await startSim();
});
afterAll(() => s.close());

const [tokenId, tokenSecret] = [s0().split('=')[0]!, s0().split('=').slice(1).join('=')];
function s0() {
  return 'root@pam!pvectl=placeholder';
}

function region(trust: Partial<Region>): Region {
  const [id, ...secret] = s.token.split('=');
  return { name: 'lab', url: s.url, tokenId: id!, tokenSecret: secret.join('='), defaults: {}, ...trust };
}

function termproxy(): Promise<{ port: number; ticket: string; user: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(`${s.url}/api2/json/nodes/pve1/lxc/200/termproxy`, {
      method: 'POST',
      headers: { Authorization: `PVEAPIToken=${s.token}` },
      ca: s.caPem,
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve((JSON.parse(text) as { data: { port: number; ticket: string; user: string } }).data));
    });
    req.on('error', reject);
    req.end();
  });
}

const g = { node: 'pve1', type: 'lxc' as const, vmid: 200 };
const upgrades = () => s.sim.requestLog.filter((e) => e.path.endsWith('/vncwebsocket')).length;

describe('console socket', () => {
  it('a wrong pin: TlsError (exit 5) and no upgrade request reached the server', async () => {
    const t = await termproxy();
    const before = upgrades();
    const wrong = region({ fingerprint: 'AA:'.repeat(31) + 'AA' });
    const err = await openConsoleSocket(wrong, consoleSocketUrl(s.url, g, t)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TlsError);
    expect((err as TlsError).exitCode).toBe(5);
    expect(upgrades()).toBe(before);
  });

  it('pinned or trusting the CA file: opens with the token, and the proxy answers OK to the ticket line', async () => {
    const ca = join(mkdtempSync(join(tmpdir(), 'console-ca-')), 'ca.pem');
    writeFileSync(ca, s.caPem);
    for (const trust of [{ fingerprint: s.fingerprint }, { caFile: ca }]) {
      const t = await termproxy();
      const sock = await openConsoleSocket(region(trust), consoleSocketUrl(s.url, g, t));
      const first = new Promise<string>((resolve) => sock.onData((d) => resolve(d.toString())));
      const closed = new Promise<Error | undefined>((resolve) => sock.onClose(resolve));
      sock.send(`${t.user}:${t.ticket}\n`);
      expect(await first).toMatch(/^OK/);
      sock.close();
      expect(await closed).toBeUndefined();
    }
    expect(tokenId && tokenSecret).toBeTruthy();
  });
});
