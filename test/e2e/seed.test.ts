// The NoCloud seed end to end, over HTTPS with the built CLI: a stock cloud image gets an IP only
// through the seed (qemu-guest-agent installed by cloud-init), the seed read back from the
// simulator (/_sim/volumes) and checked with isoinfo and `cloud-init schema`, --user-data of each
// kind, the seed removed on delete; vm exec and vm ssh (a stub ssh on PATH) through the built
// binary. --dry-run and the failures (no agent, --no-seed) run in-process:
// test/create/seed-failures.test.ts. Needs `npm run build`.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CATALOG } from '../../src/os/catalog.js';
import { homeWithKey, vendorList } from '../commands/create-helpers.js';
import { vendorFetchEnv } from '../helpers/vendor-lists.js';
import { expectNoSchemaViolations, runCli, startSim, type SimServer } from '../helpers/sim.js';

const NOBLE = CATALOG.find((c) => c.family === 'ubuntu' && c.version === '24.04')!;
let sim: SimServer;
let home: string;
let dir: string;
beforeAll(async () => {
  sim = await startSim({});
  home = homeWithKey();
  dir = mkdtempSync(join(tmpdir(), 'pvectl-seed-e2e-'));
});
afterAll(async () => {
  expectNoSchemaViolations(sim);
  await sim.close();
});

const env = (extra: Record<string, string> = {}) => ({
  HOME: home,
  ...vendorFetchEnv({ [NOBLE.checksum.listUrl]: vendorList(NOBLE) }),
  ...extra,
});

/** GET /_sim/volumes/{storage}/{volume} over HTTPS: the uploaded bytes, or null for 404. */
function simVolume(storage: string, volume: string): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const req = request(`${sim.url}/_sim/volumes/${storage}/${volume}`, { ca: sim.caPem }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(res.statusCode === 200 ? Buffer.concat(chunks) : null));
    });
    req.on('error', reject);
    req.end();
  });
}

function isoFile(vmid: number, name: string, data: Buffer): string {
  const file = join(dir, `${vmid}-${name}`);
  writeFileSync(file, data);
  return file;
}

const extract = (iso: string, name: string) =>
  execFileSync('isoinfo', ['-J', '-x', `/${name}`, '-i', iso], { encoding: 'utf8' });

async function createVm(name: string, extra: string[] = [], more: Record<string, string> = {}) {
  const r = await runCli(['vm', 'create', name, '--os', 'ubuntu-24.04', '--node', 'pve2', '-o', 'json', ...extra], {
    sim,
    env: env(more),
  });
  return { ...r, made: r.code === 0 ? (JSON.parse(r.stdout) as { vmid: number; ips: string[] }) : undefined };
}

describe('a stock cloud image with pvectl seed', () => {
  it('gets its IP through the seed; the seed reads back as a valid NoCloud ISO', async () => {
    const r = await createVm('seed-1');
    expect(r.code, r.stderr).toBe(0);
    expect(r.made!.ips.length).toBeGreaterThan(0);
    const vmid = r.made!.vmid;
    const iso = await simVolume('local', `iso/pvectl-seed-${vmid}.iso`);
    expect(iso).not.toBeNull();
    const file = isoFile(vmid, 'seed.iso', iso!);
    expect(execFileSync('isoinfo', ['-d', '-i', file], { encoding: 'utf8' })).toMatch(/Volume id: cidata/);
    const userData = extract(file, 'user-data');
    const ud = isoFile(vmid, 'user-data', Buffer.from(userData));
    expect(execFileSync('cloud-init', ['schema', '--config-file', ud], { encoding: 'utf8' })).toMatch(/Valid/);
    const cfg = parse(userData) as { packages: string[]; users: Array<{ name: string }>; hostname: string };
    expect(cfg).toMatchObject({ hostname: 'seed-1', packages: ['qemu-guest-agent'] });
    expect(cfg.users[0]!.name).toBe('ubuntu');
    expect(parse(extract(file, 'meta-data'))).toEqual({
      'instance-id': `pvectl-${vmid}-seed-1`,
      'local-hostname': 'seed-1',
    });
    const config = sim.sim.state.guests.get(vmid)!.config;
    const mac = /virtio=([^,]+)/.exec(String(config.net0))![1]!.toLowerCase();
    expect(parse(extract(file, 'network-config')).ethernets.eth0).toMatchObject({ match: { macaddress: mac } });
    expect(config.ide2).toBe(`local:iso/pvectl-seed-${vmid}.iso,media=cdrom`);
    const content = await runCli(['api', 'get', '/nodes/pve2/storage/local/content', '-d', 'content=iso'], { sim });
    expect(JSON.parse(content.stdout)).toContainEqual(
      expect.objectContaining({ volid: `local:iso/pvectl-seed-${vmid}.iso`, size: iso!.length }),
    );

    const hostname = await runCli(['vm', 'exec', 'seed-1', '--', 'hostname'], { sim });
    expect(hostname).toEqual({ code: 0, stdout: 'seed-1\n', stderr: '' });
    const del = await runCli(['vm', 'delete', 'seed-1', '--force', '--yes'], { sim });
    expect(del.code, del.stderr).toBe(0);
    expect(await simVolume('local', `iso/pvectl-seed-${vmid}.iso`)).toBeNull();
  });

  it('--user-data: a #cloud-config merged, a shell script as a MIME part; the agent still comes', async () => {
    const cc = join(dir, 'cc.yaml');
    writeFileSync(cc, '#cloud-config\npackages: [nginx]\ntimezone: Europe/Paris\n');
    const r = await createVm('seed-2', ['--user-data', cc]);
    expect(r.code, r.stderr).toBe(0);
    const iso = isoFile(r.made!.vmid, 'seed.iso', (await simVolume('local', `iso/pvectl-seed-${r.made!.vmid}.iso`))!);
    expect(parse(extract(iso, 'user-data'))).toMatchObject({
      packages: ['qemu-guest-agent', 'nginx'],
      timezone: 'Europe/Paris',
    });

    const script = join(dir, 'script.sh');
    writeFileSync(script, '#!/bin/sh\necho hello\n');
    const m = await createVm('seed-3', ['--user-data', script]);
    expect(m.code, m.stderr).toBe(0);
    const mime = isoFile(m.made!.vmid, 'seed.iso', (await simVolume('local', `iso/pvectl-seed-${m.made!.vmid}.iso`))!);
    const text = extract(mime, 'user-data');
    expect(text).toMatch(/^Content-Type: multipart\/mixed; boundary=/);
    expect(text).toContain('Content-Type: text/x-shellscript');
    expect(m.made!.ips.length).toBeGreaterThan(0);
  });
});

describe('into the guest, end to end', () => {
  it("vm exec passes the command's exit code and stdin; vm ssh runs ssh with USER@IP and its code", async () => {
    expect(await runCli(['vm', 'exec', 'web-1', '--', 'false'], { sim })).toEqual({ code: 1, stdout: '', stderr: '' });
    const cat = await runCli(['vm', 'exec', 'web-1', '--input', '-', '--', 'cat'], { sim, input: 'piped\n' });
    expect(cat).toEqual({ code: 0, stdout: 'piped\n', stderr: '' });
    const stub = mkdtempSync(join(tmpdir(), 'stub-ssh-'));
    writeFileSync(join(stub, 'ssh'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${stub}/args'\nexit 42\n`);
    chmodSync(join(stub, 'ssh'), 0o755);
    const r = await runCli(['vm', 'ssh', 'web-1', '--', '-v', 'uptime'], {
      sim,
      env: { PATH: `${stub}:${process.env.PATH ?? ''}` },
    });
    expect(r.code).toBe(42);
    expect(readFileSync(join(stub, 'args'), 'utf8')).toMatch(/^-v\n[a-z]+@\d+\.\d+\.\d+\.\d+\nuptime\n$/);
  });
});
