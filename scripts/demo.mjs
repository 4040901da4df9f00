// `npm run demo`: starts pvesim (a simulated 3-node Proxmox VE cluster) on a free port, points
// pvectl at it through the environment and takes a short tour with the built binary.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const root = new URL('..', import.meta.url).pathname;
const sim = spawn(process.execPath, [join(root, 'bin/pvesim.js'), '--port', '0', '--task-ms', '200'], {
  stdio: ['ignore', 'pipe', 'ignore'],
});
const first = await new Promise((resolve, reject) => {
  sim.once('exit', (code) => reject(new Error(`pvesim exited with ${code}`)));
  createInterface({ input: sim.stdout }).once('line', resolve);
});
const { url, fingerprint, token } = JSON.parse(first);
const configDir = mkdtempSync(join(tmpdir(), 'pvectl-demo-'));
const env = {
  ...process.env,
  PVECTL_URL: url,
  PVECTL_TOKEN: token,
  PVECTL_FINGERPRINT: fingerprint,
  PVECTL_CONFIG_DIR: configDir,
};

const tour = [
  ['region', 'test'],
  ['node', 'list'],
  ['vm', 'list'],
  ['ct', 'list'],
  ['vm', 'show', 'web-1'],
  ['os', 'list'],
  ['vm', 'create', 'demo-1', '--os', 'debian-12', '--mem', '1G', '--ssh-key', '/dev/null', '--tag', 'demo'],
  ['vm', 'list', '--tag', 'demo', '-o', 'json'],
];

console.log(`pvesim is serving a simulated cluster at ${url}`);
console.log(`(PVECTL_URL, PVECTL_TOKEN and PVECTL_FINGERPRINT point pvectl at it)\n`);
let failed = 0;
for (const args of tour) {
  console.log(`$ pvectl ${args.join(' ')}`);
  const res = spawnSync(process.execPath, [join(root, 'bin/pvectl.js'), ...args], { env, stdio: 'inherit' });
  if (res.status !== 0) {
    failed += 1;
    console.log(`(exit ${res.status})`);
  }
  console.log('');
}
sim.kill('SIGTERM');
rmSync(configDir, { recursive: true, force: true });
process.exitCode = failed ? 1 : 0;
