// Root help and the version come from dist/help.cjs (the parser alone, CommonJS), every other
// help from the ESM entry, which PVECTL_NO_CODE_CACHE=1 also runs root help from: the two must
// answer alike, byte for byte and exit code for exit code, usage errors included (exit 2, and
// nothing sent to the cluster). Needs `npm run build`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli, startSim, type SimServer } from '../helpers/sim.js';

let sim: SimServer;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());

const ROOT = [
  [],
  ['--help'],
  ['-h'],
  ['help'],
  ['--version'],
  ['-V'],
  ['-V', '--help'],
  ['-o', 'json', '--help'],
  ['--no-color', '-q', '-h'],
  ['--bogus', '--help'],
  ['help', 'bogus'],
  ['help', 'help'],
  ['-o', 'bogus', '--help'],
  ['--region', '--help'],
];

describe('the help bundle answers as the ESM entry does', () => {
  it.each(ROOT.map((args) => [args.join(' ') || '(no arguments)', args] as const))('pvectl %s', async (_, args) => {
    const before = sim.sim.requestLog.length;
    const bundle = await runCli(args, { sim });
    const entry = await runCli(args, { sim, env: { PVECTL_NO_CODE_CACHE: '1' } });
    expect(bundle).toEqual(entry);
    expect([0, 2]).toContain(bundle.code);
    expect(bundle.stdout + bundle.stderr).not.toBe('');
    // usage errors and help alike: no request at all, so none that writes
    expect(sim.sim.requestLog.slice(before).filter((e) => e.method !== 'GET')).toEqual([]);
    expect(sim.sim.requestLog.length).toBe(before);
  });

  it('exit 2 for a usage error, as the contract says', async () => {
    const bad = await runCli(['-o', 'bogus', '--help'], { sim });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^Error: option '-o, --output <format>' argument 'bogus' is invalid/);
  });

  it('holds no verb: asked to run one, it fails loudly instead of running half a program', () => {
    // what bin/pvectl.js never does (it sends any argv that names a noun to the whole bundle)
    const script =
      `require(${JSON.stringify(join(repoRoot, 'dist/help.cjs'))}).main(['vm', 'list'])` +
      ".then((code) => console.log('ran', code), (e) => console.log(e.message))";
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(r.stdout).toContain('code outside the help bundle (dist/help.cjs) was loaded');
    expect(r.stdout).not.toContain('ran');
  });
});
