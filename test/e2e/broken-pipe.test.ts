// `pvectl vm list | head -1` on a cluster whose listing needs several writes to a pipe: when the
// reader closes early the built CLI ends at once and quietly, with 141 (128 + SIGPIPE, what a
// shell reports for `seq 1000000 | head -1`), never with a stack trace. Needs `npm run build`.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli, startSim, type SimServer } from '../helpers/sim.js';

let sim: SimServer;
let configDir: string;
beforeAll(async () => {
  sim = await startSim({ guests: 3000 });
  configDir = mkdtempSync(join(tmpdir(), 'pvectl-epipe-'));
});
afterAll(async () => {
  await sim.close();
  rmSync(configDir, { recursive: true, force: true });
});

/**
 * `pvectl ARGS | head -1` in bash: head exits after its first read (a few KiB), so with far more
 * output than a pipe holds (64 KiB) pvectl is still writing when the pipe closes, however fast or
 * slow the machine is. (A Node parent that destroys its end after the first chunk may already have
 * read much more in one go.) pvectl's exit status comes back through $PIPESTATUS.
 */
function pipeIntoHead(args: string[], reader = 'head -1'): Promise<{ stdout: string; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PVECTL_')));
  const script = `node "$0" "$@" | ${reader}; echo "pvectl exit status: \${PIPESTATUS[0]}" >&2`;
  const child = spawn('bash', ['-c', script, join(repoRoot, 'bin/pvectl.js'), ...args], {
    env: {
      ...env,
      NO_COLOR: '1',
      PVECTL_CONFIG_DIR: configDir,
      PVECTL_URL: sim.url,
      PVECTL_TOKEN: sim.token,
      PVECTL_FINGERPRINT: sim.fingerprint,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => resolve({ stdout, stderr }));
  });
}

describe('a reader that closes early', () => {
  it.each([[['vm', 'list']], [['vm', 'list', '-o', 'json']]])('%j ends quietly with 141', async (args) => {
    const full = await runCli(args, { sim });
    expect(full.code).toBe(0);
    // far more than a pipe holds (64 KiB on Linux): the CLI is still writing when the reader goes
    expect(full.stdout.length).toBeGreaterThan(2 * 64 * 1024);

    const r = await pipeIntoHead(args);
    expect(r.stdout).toBe(`${full.stdout.split('\n')[0]}\n`);
    // no stack trace, no message: just the status a shell reports for a tool its reader left
    expect(r.stderr).toBe('pvectl exit status: 141\n');
  });

  // the reader is gone before pvectl writes a byte (`| true`): its first write ends it, 141, quietly
  it.each([[['vm', 'list']], [['vm', 'list', '-o', 'json']]])('%j into a reader that reads nothing', async (args) => {
    const r = await pipeIntoHead(args, 'true');
    expect(r).toEqual({ stdout: '', stderr: 'pvectl exit status: 141\n' });
  });
});

// The other way round: a reader that takes its time (here it reads nothing for a second) still gets
// every byte. A write to a full pipe is queued in Node, so the launcher leaves only once stdout has
// handed it all over (bin/pvectl.js `flushed`); before, its exit timer cut the output at ~64 KiB.
describe('a reader that is slow', () => {
  it('gets the whole answer of a big single write (api get)', async () => {
    const args = ['api', 'get', '/cluster/resources', '-o', 'json'];
    const full = await runCli(args, { sim });
    expect(full.code).toBe(0);
    expect(full.stdout.length).toBeGreaterThan(4 * 64 * 1024);
    const r = await pipeIntoHead(args, '{ sleep 1; cat; }');
    expect(r.stderr).toBe('pvectl exit status: 0\n');
    expect(r.stdout.length).toBe(full.stdout.length);
  });
});
