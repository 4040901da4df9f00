// The NoCloud seed's failure paths against the in-process simulator (virtual clock): --dry-run
// shows the user-data, a bad --user-data exits 2 with nothing written, no agent (package mirror
// down) is exit 6 saying why with --rollback removing VM and seed, --no-seed never gets an IP.
// (They ran as built-CLI processes with real 2 s timeouts; test/e2e/seed.test.ts keeps the seed
// read back with the real ISO tools and cloud-init, and exec/ssh, through the built binary.)
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/os/catalog.js';
import { homeWithKey, vendorList } from '../commands/create-helpers.js';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';
import { expectNoSchemaViolations } from '../helpers/sim.js';
import { vendorListsFetch } from '../helpers/vendor-lists.js';

const NOBLE = CATALOG.find((c) => c.family === 'ubuntu' && c.version === '24.04')!;
let sim: InProcessSim;
let home: string;
let dir: string;
beforeAll(() => {
  sim = startInProcessSim();
  home = homeWithKey();
  dir = mkdtempSync(join(tmpdir(), 'pvectl-seed-failures-'));
});
afterAll(() => {
  expectNoSchemaViolations(sim.sim);
  sim.close();
});

const cli = (args: string[]) =>
  run(args, {
    env: { ...sim.env, HOME: home },
    webFetch: vendorListsFetch({ [NOBLE.checksum.listUrl]: vendorList(NOBLE) }),
  });

async function createVm(name: string, extra: string[] = []) {
  const r = await cli(['vm', 'create', name, '--os', 'ubuntu-24.04', '--node', 'pve2', '-o', 'json', ...extra]);
  return { ...r, made: r.code === 0 ? (JSON.parse(r.stdout) as { vmid: number; ips: string[] }) : undefined };
}

describe('a stock cloud image with pvectl seed, when it goes wrong', () => {
  it('--dry-run prints the user-data it would send; a bad --user-data exits 2 with nothing written', async () => {
    const before = sim.sim.requestLog.length;
    const dry = await cli(['vm', 'create', 'seed-4', '--os', 'ubuntu-24.04', '--node', 'pve2', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/# user-data of pvectl-seed-\d+\.iso:\n#cloud-config\n/);
    expect(dry.stdout).toMatch(
      /POST \/api2\/json\/nodes\/pve2\/storage\/local\/upload .*pvectl-seed-\d+\.iso \(\d+ bytes\)/,
    );
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, 'just text\n');
    const r = await createVm('seed-5', ['--user-data', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not user-data cloud-init knows/);
    expect(sim.sim.requestLog.slice(before).filter((e) => e.method !== 'GET')).toEqual([]);
  });

  it('no agent (package mirror unreachable): exit 6 saying why, and --rollback removes VM and seed', async () => {
    sim.sim.faults.packageMirrorDown = 1;
    try {
      const r = await createVm('seed-6', ['--timeout', '2s', '--rollback']);
      expect(r.code).toBe(6);
      expect(r.stderr).toMatch(/qemu-guest-agent, which the cloud-init seed installs from the distribution's/);
      expect(r.stderr).toMatch(/removed again \(--rollback\)/);
      const vmid = Number(/VM (\d+) \(seed-6\)/.exec(r.stderr)?.[1]);
      expect(vmid).toBeGreaterThan(0);
      expect(sim.sim.state.guests.has(vmid)).toBe(false);
      // it had been uploaded (the create got as far as waiting for the IP), and is gone again
      expect(sim.sim.requestLog.some((e) => e.path === '/nodes/pve2/storage/local/upload' && e.status === 200)).toBe(
        true,
      );
      expect(sim.sim.volumeData(`local:iso/pvectl-seed-${vmid}.iso`) ?? null).toBeNull();
    } finally {
      sim.sim.faults.packageMirrorDown = 0;
    }
  });

  it('--no-seed: the stock image never reports an IP (exit 6)', async () => {
    const r = await createVm('seed-7', ['--no-seed', '--timeout', '2s']);
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/no IP address/);
  });
});
