// The built pvectl creating guests on pvesim over HTTPS: the IP printed on stdout, three
// separate processes at once (distinct VMIDs and --ip auto addresses), and every request
// conforming to the official schema. Needs `npm run build`.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSchemaViolations, runCli, startSim, type SimServer } from '../helpers/sim.js';
import { homeWithKey } from '../commands/create-helpers.js';
import { vendorFetchEnv } from '../helpers/vendor-lists.js';

let sim: SimServer;
let home: string;
beforeAll(async () => {
  sim = await startSim({});
  home = homeWithKey();
});
afterAll(async () => {
  expectNoSchemaViolations(sim);
  await sim.close();
});

/** A config dir whose current region "lab" is the simulator, pinned, with an IP pool. */
function labConfig(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pvectl-e2e-lab-'));
  const eq = sim.token.indexOf('=');
  const lab = {
    url: sim.url,
    tokenId: sim.token.slice(0, eq),
    tokenSecret: sim.token.slice(eq + 1),
    fingerprint: sim.fingerprint,
    ipPool: { cidr: '10.30.0.0/24', start: '10.30.0.100', gateway: '10.30.0.1', dns: ['10.30.0.1'] },
  };
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ currentRegion: 'lab', regions: { lab } }), {
    mode: 0o600, // as pvectl writes it: a wider mode is warned about
  });
  return dir;
}

describe('vm create end to end', () => {
  it('clones the template and prints the new VM with its IP', async () => {
    const r = await runCli(['vm', 'create', 'e2e-1', '--os', 'debian-12', '--mem', '1G'], { sim, env: { HOME: home } });
    expect(r.stderr).toBe(
      'Cloning template 9000 → 104 on pve1 (linked clone)\nGrowing scsi0 of 104 to 20G\nStarting ' +
        '104\nWaiting for IP: 10.10.0.106\n',
    );
    expect(r.stdout).toBe('VMID  NAME   NODE  STATUS   IP\n 104  e2e-1  pve1  running  10.10.0.106\n');
    expect(r.code).toBe(0);
  });

  it('three processes at once get distinct VMIDs and distinct pool addresses', async () => {
    const env = { HOME: home, PVECTL_CONFIG_DIR: labConfig() };
    const runs = await Promise.all([
      runCli(['vm', 'create', 'par-1', '--os', 'debian-12', '--ip', 'auto', '-o', 'json'], { env }),
      runCli(['vm', 'create', 'par-2', '--os', 'debian-12', '--ip', 'auto', '-o', 'json'], { env }),
      runCli(['ct', 'create', 'par-3', '--os', 'debian-12', '--node', 'pve1', '--ip', 'auto', '-o', 'json'], { env }),
    ]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const made = runs.map((r) => JSON.parse(r.stdout) as { vmid: number; ips: string[]; region: string });
    expect(new Set(made.map((m) => m.vmid)).size).toBe(3);
    expect(made.map((m) => m.ips[0]).sort()).toEqual(['10.30.0.100', '10.30.0.101', '10.30.0.102']);
    expect(made.every((m) => m.region === 'lab')).toBe(true);
  });

  it('ct create downloads its template from the appliance index and prints the IP', async () => {
    const r = await runCli(['ct', 'create', 'e2e-ct', '--os', 'ubuntu-24.04', '--node', 'pve2', '-o', 'json'], {
      sim,
      env: { HOME: home },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^Downloading ubuntu-24\.04-standard_24\.04-2_amd64\.tar\.zst to local on pve2\n/);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'e2e-ct', node: 'pve2', type: 'lxc', status: 'running' });
  });

  it('a stale nextid answer makes it retry with another VMID', async () => {
    sim.sim.faults.staleNextId = 1;
    const r = await runCli(['vm', 'create', 'race', '--os', 'debian-12', '--no-start', '-o', 'id'], {
      sim,
      env: { HOME: home },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^VMID \d+ was taken meanwhile; trying another\n/);
    expect(sim.sim.state.guests.get(Number(r.stdout))?.config.name).toBe('race');
  });

  it('--dry-run sends no write', async () => {
    const before = sim.sim.requestLog.length;
    // no vendor list is reachable: a warning, and the plan without a checksum
    const r = await runCli(['vm', 'create', 'dry', '--os', 'ubuntu', '--dry-run'], {
      sim,
      env: { HOME: home, ...vendorFetchEnv() },
    });
    expect(r.code).toBe(0);
    expect(sim.sim.requestLog.slice(before).filter((e) => e.method !== 'GET')).toEqual([]);
    expect(r.stdout).toMatch(/^POST \/api2\/json\/nodes\/pve\d\/storage\/local\/download-url /);
    expect(r.stderr).toContain(
      'Warning: could not read the checksum list https://cloud-images.ubuntu.com/noble/current/SHA256SUMS: ' +
        'fetch failed (ENOTFOUND); ',
    );
  });
});

// Faults.loseResponseAfterWrite over real HTTPS: the server applies the write, then destroys the
// socket; undici reports the closed connection (UND_ERR_SOCKET), which for a write is a lost answer.
describe('a lost answer over HTTPS', () => {
  it('vm create: the cloned VM is found and removed again with --rollback', async () => {
    sim.sim.faults.loseResponseAfterWrite = 1;
    const r = await runCli(['vm', 'create', 'lost-1', '--os', 'debian-12', '--rollback'], { sim, env: { HOME: home } });
    expect(r.code, r.stderr).toBe(1);
    const lost =
      'could not be cloned completely: the answer to POST /nodes/pve1/qemu/9000/clone was lost ' +
      `(connection to ${sim.url} failed: connection closed by the server). It was removed again (--rollback).\n`;
    const m = /Error: VM (\d+) \(lost-1\) (.*\n)$/.exec(r.stderr);
    expect(m?.[2], r.stderr).toBe(lost);
    expect(sim.sim.state.guests.has(Number(m![1]))).toBe(false);
  });

  it('vm start: the outcome is unknown and probably applied; how to check', async () => {
    sim.sim.faults.loseResponseAfterWrite = 1;
    const r = await runCli(['vm', 'start', 'db-1'], { sim, env: { HOME: home } });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(
      'Error: POST /nodes/pve1/qemu/102/status/start: the answer was lost after the request was sent ' +
        `(connection to ${sim.url} failed: connection closed by the server); ` +
        'the outcome is unknown and the change was probably applied',
    );
    expect(r.stderr).toContain('`pvectl vm show 102` shows VM 102 as it is now.');
  });
});
