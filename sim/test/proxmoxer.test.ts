// A third-party client against pvesim over real HTTPS: Debian's python3-proxmoxer (installed by
// .ci/run), driven as a user's script would drive a cluster. What it reports is what a script
// tested here would see on Proxmox VE 9; the source behind each answer is named below.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type SimServer } from '../../test/helpers/sim.js';

// apt installs proxmoxer for Debian's python3, which a pyenv or venv python3 on PATH does not see
const PYTHON = process.env.PVESIM_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
const hasProxmoxer = spawnSync(PYTHON, ['-c', 'import proxmoxer'], { stdio: 'ignore' }).status === 0;
if (!hasProxmoxer) {
  console.warn(`proxmoxer test skipped: ${PYTHON} cannot import proxmoxer (apt-get install python3-proxmoxer)`);
}
const SCRIPT = fileURLToPath(new URL('./proxmoxer-client.py', import.meta.url));

function runScript(input: object): Promise<any> {
  return new Promise((resolve, reject) => {
    const child = execFile(PYTHON, [SCRIPT], { timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${err.message}\n${stderr}`));
      else resolve(JSON.parse(stdout));
    });
    child.stdin!.end(JSON.stringify(input));
  });
}

describe.skipIf(!hasProxmoxer)('proxmoxer (python3-proxmoxer) against pvesim', () => {
  let sim: SimServer;
  let dir: string;
  let out: any;

  beforeAll(async () => {
    sim = await startSim();
    dir = mkdtempSync(join(tmpdir(), 'pvesim-proxmoxer-'));
    const ca = join(dir, 'ca.pem');
    writeFileSync(ca, sim.caPem);
    sim.sim.setNodeOnline('pve3', false);
    const wrong = `${sim.token.split('=')[0]}=not-the-secret`;
    out = await runScript({ url: sim.url, token: sim.token, ca, wrong });
  }, 90_000);

  afterAll(async () => {
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('creates, starts, stops and deletes a VM through tasks', () => {
    expect(out.release).toBe('9.1');
    expect(out.create).toBe('OK');
    expect(out.start).toBe('OK');
    expect(out.status).toMatchObject({ status: 'running', name: 'py-vm' });
    expect(out.stop).toBe('OK');
    expect(out.delete).toBe('OK');
  });

  it('a second start fails its task; a second stop ends OK (qemu-server QemuServer.pm vm_start, _do_vm_stop)', () => {
    expect(out.second_start).toMatch(/^VM \d+ already running$/);
    expect(out.second_stop).toBe('OK');
  });

  it('a reboot of a stopped VM is a 500 before any task (qemu-server Qemu.pm vm_reboot)', () => {
    expect(out.reboot_stopped).toEqual({
      status: 500,
      message: 'Internal Server Error',
      content: expect.stringMatching(/^VM \d+ not running$/),
    });
  });

  it('reports parameter errors, a taken VMID and an unknown VM as PVE words them', () => {
    expect(out.bad_param).toEqual({ status: 400, message: 'Bad Request', content: 'Parameter verification failed.' });
    // Qemu.pm create_vm: "unable to create VM $vmid -" before PVE::Cluster::check_vmid_unused's text
    expect(out.taken_vmid).toEqual({
      status: 500,
      message: 'Internal Server Error',
      content: "unable to create VM 100 - VM 100 already exists on node 'pve1'",
    });
    expect(out.unknown_vm).toEqual({
      status: 500,
      message: 'Internal Server Error',
      content: "Configuration file 'nodes/pve1/qemu-server/99999.conf' does not exist",
    });
    expect(out.after_delete.status).toBe(500);
  });

  it("shows proxmoxer's own 595 text beside the server's reason (pve-http-server AnyEvent.pm proxy_request)", () => {
    expect(out.offline_node).toEqual({
      status: 595,
      message: 'Errors during connection establishment, proxy handshake',
      content: 'No route to host',
    });
  });

  it('401 for a wrong token (pve-manager HTTPServer.pm auth_handler)', () => {
    expect(out.wrong_token).toEqual({ status: 401, message: 'Unauthorized', content: 'Authentication failed!' });
  });

  it('reads gzipped lists (requests sends Accept-Encoding: gzip) and GET /storage', () => {
    expect(out.resources).toEqual(['lxc', 'network', 'node', 'pool', 'qemu', 'storage']);
    expect(out.storages).toEqual(['local', 'local-lvm']);
    const big = sim.sim.requestLog.find((e) => e.path === '/cluster/resources');
    expect(big?.status).toBe(200);
  });
});
