// `npm run demo`: starts pvesim (a simulated 3-node Proxmox VE cluster) on a free port, points
// pvectl at it through the environment and takes a short tour with the built binary.
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
// pvesim is a workspace dev dependency: resolved as a package, not by its place in the repository
const pvesim = fileURLToPath(import.meta.resolve('pvesim/bin/pvesim.js'));
const sim = spawn(process.execPath, [pvesim, '--port', '0', '--task-ms', '200'], {
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

// A throwaway OpenSSH public key for the new guests: "ssh-ed25519" + base64(len-prefixed type, key).
const sshKeyFile = join(configDir, 'demo_ed25519.pub');
const raw = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
const field = (b) => Buffer.concat([Buffer.from([0, 0, 0, b.length]), b]);
const blob = Buffer.concat([field(Buffer.from('ssh-ed25519')), field(raw)]).toString('base64');
writeFileSync(sshKeyFile, `ssh-ed25519 ${blob} demo@pvectl\n`);

const tour = [
  ['region', 'test'],
  ['node', 'list'],
  ['vm', 'list'],
  ['ct', 'list'],
  ['vm', 'show', 'web-1'],
  ['os', 'list'],
  ['vm', 'create', 'demo-1', '--os', 'debian-12', '--mem', '1G', '--ssh-key', sshKeyFile, '--tag', 'demo'],
  ['ct', 'create', 'demo-2', '--os', 'alpine', '--ssh-key', sshKeyFile, '--tag', 'demo'],
  ['vm', 'resize', 'demo-1', '--cores', '4', '--disk', '+10G'],
  ['vm', 'list', '--tag', 'demo', '-o', 'json'],
  'pvectl vm list --status stopped -o id | pvectl vm start -',
];

console.log(`pvesim is serving a simulated cluster at ${url}`);
console.log(`(PVECTL_URL, PVECTL_TOKEN and PVECTL_FINGERPRINT point pvectl at it)\n`);
let failed = 0;
const pvectl = `${JSON.stringify(process.execPath)} ${JSON.stringify(join(root, 'bin/pvectl.js'))}`;
for (const args of tour) {
  const pipeline = typeof args === 'string';
  console.log(`$ ${pipeline ? args : `pvectl ${args.join(' ')}`}`);
  const res = pipeline
    ? spawnSync('/bin/sh', ['-c', args.replaceAll('pvectl', pvectl)], { env, stdio: 'inherit' })
    : spawnSync(process.execPath, [join(root, 'bin/pvectl.js'), ...args], { env, stdio: 'inherit' });
  if (res.status !== 0) {
    failed += 1;
    console.log(`(exit ${res.status})`);
  }
  console.log('');
}
sim.kill('SIGTERM');
rmSync(configDir, { recursive: true, force: true });
process.exitCode = failed ? 1 : 0;
