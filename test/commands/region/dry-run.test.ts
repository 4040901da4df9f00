// region add | use | remove --dry-run: everything is checked, nothing is written, no token is sent,
// and what would be written is printed without the secret.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/config/store.js';
import { run, SIM_URL, startInProcessSim, type InProcessSim } from '../../helpers/cli.js';
import { startSim, type SimServer } from '../../helpers/sim.js';
import { configDir, runReal, scriptedPrompt, splitToken } from './harness.js';

const FP = 'AB:'.repeat(31) + 'AB';
const OLD_SECRET = 'old-secret-7777';

let sim: InProcessSim;
let token: { id: string; secret: string };
let dir: string;
let file: string;
beforeAll(() => {
  sim = startInProcessSim();
  token = splitToken(sim.sim.token);
});
afterAll(() => sim.close());
beforeEach(() => {
  dir = configDir();
  file = join(dir, 'config.json');
  sim.sim.requestLog.length = 0;
});

const sh = (args: string[], opts: Parameters<typeof run>[1] = {}) =>
  run(args, { env: { PVECTL_CONFIG_DIR: dir, NO_COLOR: '1' }, ...opts });
const addLab = (extra: string[] = [], opts: Parameters<typeof run>[1] = {}) =>
  sh(
    [
      'region',
      'add',
      'lab',
      '--url',
      SIM_URL,
      '--token-id',
      token.id,
      '--fingerprint',
      FP,
      '--token-secret-stdin',
      ...extra,
    ],
    { stdin: `${token.secret}\n`, ...opts },
  );

async function seed(): Promise<{ bytes: string; mtimeMs: number }> {
  const store = await openStore({ PVECTL_CONFIG_DIR: dir });
  store.set('prod', {
    url: 'https://pve1.example.net:8006',
    tokenId: 'root@pam!pvectl',
    tokenSecret: OLD_SECRET,
    fingerprint: FP,
  });
  store.set('dev', {
    url: 'https://dev.example.net:8006',
    tokenId: 'root@pam!dev',
    tokenSecret: 'dev-secret-8888',
    insecure: true,
  });
  store.use('prod');
  return snapshot();
}
const snapshot = () => ({ bytes: readFileSync(file, 'utf8'), mtimeMs: statSync(file).mtimeMs });

describe('region add --dry-run', () => {
  it('prints what it would save, secret masked; no config file is created and no request sent', async () => {
    const r = await addLab(['--dry-run', '--node', 'pve1']);
    expect(r).toEqual({
      code: 0,
      stdout:
        `would save region "lab" to ${file}: ` +
        `{"url":"${SIM_URL}","tokenId":"${token.id}","tokenSecret":"********",` +
        `"fingerprint":"${FP}","defaults":{"node":"pve1"}}\n` +
        'would make "lab" the current region\n',
      stderr: '',
    });
    expect(r.stdout + r.stderr).not.toContain(token.secret);
    expect(sim.sim.requestLog).toEqual([]);
    expect(existsSync(file)).toBe(false);
  });

  it('leaves an existing config file exactly as it was', async () => {
    const before = await seed();
    const r = await addLab(['--dry-run', '--use']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`would save region "lab" to ${file}`);
    expect(r.stdout).toContain('would make "lab" the current region');
    expect(snapshot()).toEqual(before);
    const plain = await addLab(['--dry-run']);
    expect(plain.stdout).not.toContain('current region'); // prod stays current without --use
    expect(sim.sim.requestLog).toEqual([]);
  });

  it.each([
    [
      'a bad URL',
      [
        'region',
        'add',
        'lab',
        '--url',
        'http://x',
        '--token-id',
        'root@pam!pvectl',
        '--fingerprint',
        FP,
        '--token-secret-stdin',
        '--dry-run',
      ],
      2,
    ],
    [
      'a reserved name',
      [
        'region',
        'add',
        'env',
        '--url',
        SIM_URL,
        '--token-id',
        'root@pam!pvectl',
        '--fingerprint',
        FP,
        '--token-secret-stdin',
        '--dry-run',
      ],
      2,
    ],
    [
      'a name already taken',
      [
        'region',
        'add',
        'prod',
        '--url',
        SIM_URL,
        '--token-id',
        'root@pam!pvectl',
        '--fingerprint',
        FP,
        '--token-secret-stdin',
        '--dry-run',
      ],
      2,
    ],
    [
      'no secret',
      ['region', 'add', 'lab', '--url', SIM_URL, '--token-id', 'root@pam!pvectl', '--fingerprint', FP, '--dry-run'],
      2,
    ],
  ])('still validates everything: %s exits %i', async (_what, args, code) => {
    const before = await seed();
    const r = await sh(args, { stdin: args.includes('--token-secret-stdin') ? 'a-secret' : '' });
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(snapshot()).toEqual(before);
  });
});

describe('region use --dry-run', () => {
  it('says what it would make current and changes nothing', async () => {
    const before = await seed();
    const r = await sh(['region', 'use', 'dev', '--dry-run']);
    expect(r).toEqual({ code: 0, stdout: `would make region "dev" the current region in ${file}\n`, stderr: '' });
    expect(snapshot()).toEqual(before);
  });

  it('an unknown region is still not found (exit 3)', async () => {
    const before = await seed();
    const r = await sh(['region', 'use', 'nope', '--dry-run']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('Region "nope" is not configured.');
    expect(snapshot()).toEqual(before);
  });
});

describe('region remove --dry-run', () => {
  it('says what it would remove, asks nothing (no --yes needed) and changes nothing', async () => {
    const before = await seed();
    const r = await sh(['region', 'remove', 'prod', '--dry-run']);
    expect(r).toEqual({
      code: 0,
      stdout:
        `would remove region "prod" and its token from ${file} (it is the current region: none would be ` +
        `current)\n`,
      stderr: '',
    });
    const dev = await sh(['region', 'rm', 'dev', '--dry-run'], { tty: true, prompt: scriptedPrompt({}) });
    expect(dev.stdout).toBe(`would remove region "dev" and its token from ${file}\n`);
    expect(r.stdout + dev.stdout).not.toContain(OLD_SECRET);
    expect(snapshot()).toEqual(before);
  });

  it('an unknown region is still not found (exit 3)', async () => {
    await seed();
    expect((await sh(['region', 'remove', 'nope', '--dry-run'])).code).toBe(3);
  });
});

describe('region add --dry-run over real HTTPS', () => {
  let https: SimServer;
  beforeAll(async () => {
    https = await startSim();
  });
  afterAll(() => https.close());

  it('probes the certificate as usual (trust on first use asks), sends no token, writes nothing', async () => {
    https.sim.requestLog.length = 0;
    const t = splitToken(https.token);
    const prompt = scriptedPrompt({ confirm: [true], secret: [t.secret] });
    const r = await runReal(['region', 'add', 'lab', '--url', https.url, '--token-id', t.id, '--dry-run'], {
      env: { PVECTL_CONFIG_DIR: dir },
      tty: true,
      prompt,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(prompt.asked).toEqual(['Trust this certificate and pin it for region "lab"?', `Token secret for ${t.id}: `]);
    expect(r.stderr).toContain(`SHA-256:  ${https.fingerprint}`);
    expect(r.stdout).toContain(`"fingerprint":"${https.fingerprint}"`);
    expect(r.stdout + r.stderr).not.toContain(t.secret);
    expect(https.sim.requestLog).toEqual([]);
    expect(existsSync(file)).toBe(false);
  });

  it('without a terminal and without a trust option it still refuses (exit 2)', async () => {
    const t = splitToken(https.token);
    const r = await runReal(
      ['region', 'add', 'lab', '--url', https.url, '--token-id', t.id, '--token-secret-stdin', '--dry-run'],
      { env: { PVECTL_CONFIG_DIR: dir }, stdin: t.secret },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not trusted by this system');
    expect(existsSync(file)).toBe(false);
  });
});
