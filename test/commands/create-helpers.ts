// Shared set-up of the create tests: a HOME with an SSH key, a configured region (IP pool, VMID
// range), the writes the simulator saw, and a start task that fails.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { expect } from 'vitest';
import { SIM_URL, type InProcessSim } from '../helpers/cli.js';
import { TaskFailure } from '../../sim/src/tasks.js';
import { CATALOG, type CatalogImage } from '../../src/os/catalog.js';
import { urlFileName } from '../../src/os/checksum-list.js';

export const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx8fYpQ me@laptop';

/** A HOME whose ~/.ssh holds id_ed25519.pub (and the private key, which must never be read). */
export function homeWithKey(): string {
  const home = mkdtempSync(join(tmpdir(), 'pvectl-home-'));
  mkdirSync(join(home, '.ssh'));
  writeFileSync(join(home, '.ssh/id_ed25519.pub'), `${KEY}\n`);
  writeFileSync(
    join(home, '.ssh/id_ed25519'),
    '-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n-----END OPENSSH PRIVATE KEY-----\n',
  );
  return home;
}

export function writes(s: InProcessSim): string[] {
  return s.sim.requestLog
    .filter((e) => e.method !== 'GET')
    .map((e) => `${e.method} ${e.path} ${JSON.stringify(e.params)}`);
}

export function expectConforming(s: InProcessSim): void {
  expect(s.sim.requestLog.filter((e) => e.violation !== undefined)).toEqual([]);
}

/** A configured region "lab" (the simulator) with extra fields; returns the env to run with. */
export function labRegion(s: InProcessSim, home: string, extra: Record<string, unknown>): Record<string, string> {
  const eq = s.sim.token.indexOf('=');
  const region = {
    url: SIM_URL,
    tokenId: s.sim.token.slice(0, eq),
    tokenSecret: s.sim.token.slice(eq + 1),
    insecure: true,
    ...extra,
  };
  const dir = s.env.PVECTL_CONFIG_DIR!;
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ currentRegion: 'lab', regions: { lab: region } }), {
    mode: 0o600, // as pvectl writes it: a wider mode is warned about
  });
  return { PVECTL_CONFIG_DIR: dir, NO_COLOR: '1', HOME: home };
}

/** The next start of `vmid` is accepted and its task fails (as when QEMU does not come up). */
export function failStart(s: InProcessSim, vmid: number, message = 'start failed: QEMU exited with code 1'): void {
  s.server.use(
    http.post(
      `${SIM_URL}/api2/json/nodes/:node/:type/${vmid}/status/start`,
      ({ params }) => {
        const task = s.sim.tasks.start({
          node: String(params.node),
          type: params.type === 'qemu' ? 'qmstart' : 'vzstart',
          id: String(vmid),
          who: { user: 'root@pam', tokenid: 'pvectl', authid: 'root@pam!pvectl', privs: '*', via: 'token' },
          run: () => {
            throw new TaskFailure(message);
          },
        });
        return HttpResponse.json({ data: task.upid });
      },
      { once: true },
    ),
  );
}

/** A made-up value for a test list: the hash of the file's name, so each image has its own. */
export function testChecksum(image: CatalogImage): string {
  return createHash(image.checksum.algorithm)
    .update(`test list entry for ${urlFileName(image.url)}`)
    .digest('hex');
}

/** A checksum list as the image's vendor writes it (GNU for Debian/Ubuntu, BSD tags otherwise). */
export function vendorList(image: CatalogImage): string {
  const file = urlFileName(image.url);
  const other = createHash(image.checksum.algorithm).update('another file').digest('hex');
  const tag = image.checksum.algorithm.toUpperCase();
  switch (image.family) {
    case 'debian':
      return `${other}  ${file.replace('.qcow2', '.raw')}\n${testChecksum(image)}  ${file}\n`;
    case 'ubuntu':
      return `${other} *${file.replace('.img', '.tar.gz')}\n${testChecksum(image)} *${file}\n`;
    case 'fedora':
      return (
        `-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n# ${file}: 123 bytes\n${tag} (${file}) = ` +
        `${testChecksum(image)}\n` +
        '-----BEGIN PGP SIGNATURE-----\n\niQIzBAEBCAAdFiEE\n-----END PGP SIGNATURE-----\n'
      );
    default:
      return (
        `${tag} (${file.replace('latest', '9.9-20990101.0')}) = ${other}\n${tag} (${file}) = ` +
        `${testChecksum(image)}\n`
      );
  }
}

/** Every catalog image's checksum list, served the way its vendor writes it. */
export function serveChecksumLists(s: InProcessSim): void {
  s.server.use(...CATALOG.map((image) => http.get(image.checksum.listUrl, () => HttpResponse.text(vendorList(image)))));
}

/** Tasks of the given types take this long (ms) instead of the simulator's taskMs. */
export function slowTasks(s: InProcessSim, durations: Record<string, number>): void {
  const start = s.sim.tasks.start.bind(s.sim.tasks);
  s.sim.tasks.start = (spec) =>
    start(durations[spec.type] !== undefined ? { ...spec, durationMs: durations[spec.type] } : spec);
}
