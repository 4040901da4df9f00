// Shared set-up of the create tests: a HOME with an SSH key, a configured region (IP pool, VMID
// range), the writes the simulator saw, and a start task that fails.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { expect } from 'vitest';
import { SIM_URL, type InProcessSim } from '../helpers/cli.js';
import { TaskFailure } from '../../src/sim/tasks.js';

export const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx8fYpQ me@laptop';

/** A HOME whose ~/.ssh holds id_ed25519.pub (and the private key, which must never be read). */
export function homeWithKey(): string {
  const home = mkdtempSync(join(tmpdir(), 'pvectl-home-'));
  mkdirSync(join(home, '.ssh'));
  writeFileSync(join(home, '.ssh/id_ed25519.pub'), `${KEY}\n`);
  writeFileSync(join(home, '.ssh/id_ed25519'), '-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n-----END OPENSSH PRIVATE KEY-----\n');
  return home;
}

export function writes(s: InProcessSim): string[] {
  return s.sim.requestLog.filter((e) => e.method !== 'GET').map((e) => `${e.method} ${e.path} ${JSON.stringify(e.params)}`);
}

export function expectConforming(s: InProcessSim): void {
  expect(s.sim.requestLog.filter((e) => e.violation !== undefined)).toEqual([]);
}

/** A configured region "lab" (the simulator) with extra fields; returns the env to run with. */
export function labRegion(s: InProcessSim, home: string, extra: Record<string, unknown>): Record<string, string> {
  const eq = s.sim.token.indexOf('=');
  const region = { url: SIM_URL, tokenId: s.sim.token.slice(0, eq), tokenSecret: s.sim.token.slice(eq + 1), insecure: true, ...extra };
  const dir = s.env.PVECTL_CONFIG_DIR!;
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ currentRegion: 'lab', regions: { lab: region } }));
  return { PVECTL_CONFIG_DIR: dir, NO_COLOR: '1', HOME: home };
}

/** The next start of `vmid` is accepted and its task fails (as when QEMU does not come up). */
export function failStart(s: InProcessSim, vmid: number, message = 'start failed: QEMU exited with code 1'): void {
  s.server.use(
    http.post(`${SIM_URL}/api2/json/nodes/:node/:type/${vmid}/status/start`, ({ params }) => {
      const task = s.sim.tasks.start({
        node: String(params.node), type: params.type === 'qemu' ? 'qmstart' : 'vzstart', id: String(vmid),
        who: { user: 'root@pam', tokenid: 'pvectl', authid: 'root@pam!pvectl', privs: '*', via: 'token' },
        run: () => {
          throw new TaskFailure(message);
        },
      });
      return HttpResponse.json({ data: task.upid });
    }, { once: true }),
  );
}
