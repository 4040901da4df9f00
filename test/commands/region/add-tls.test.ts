// region add against the simulator over real HTTPS (its own CA, not trusted by this system):
// trust on first use, the refusal without a terminal, a CA file, and nothing sent before trust.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSim, type SimServer } from '../../helpers/sim.js';
import { configDir, readConfig, runReal, scriptedPrompt, splitToken } from './harness.js';

let sim: SimServer;
let dir: string;
let token: { id: string; secret: string };
beforeAll(async () => {
  sim = await startSim();
  token = splitToken(sim.token);
});
afterAll(() => sim.close());
beforeEach(() => {
  dir = configDir();
  sim.sim.requestLog.length = 0;
});

const add = (extra: string[], opts: Parameters<typeof runReal>[1] = {}) =>
  runReal(['region', 'add', 'lab', '--url', sim.url, '--token-id', token.id, ...extra], {
    env: { PVECTL_CONFIG_DIR: dir },
    ...opts,
  });

describe('region add: TLS trust', () => {
  it(
    'without a terminal and without a trust option: exit 2 naming ' + 'the options; no HTTP request, nothing saved',
    async () => {
      const r = await add(['--token-secret-stdin'], { stdin: token.secret });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`The TLS certificate of ${sim.url} is not trusted by this system`);
      expect(r.stderr).toContain(`--fingerprint ${sim.fingerprint}`);
      expect(r.stderr).toContain('--ca-file FILE');
      expect(r.stderr).toContain('--insecure');
      expect(r.stderr).not.toContain(token.secret);
      expect(sim.sim.requestLog).toEqual([]);
      expect(readConfig(dir)).toBeNull();
    },
  );

  it(
    'on a terminal: shows subject, issuer, expiry and ' + 'fingerprint, asks, pins on yes (trust on first use)',
    async () => {
      const prompt = scriptedPrompt({ confirm: [true], secret: [token.secret] });
      const r = await add([], { tty: true, prompt });
      expect(r.code, r.stderr).toBe(0);
      expect(prompt.asked).toEqual([
        'Trust this certificate and pin it for region "lab"?',
        `Token secret for ${token.id}: `,
      ]);
      expect(r.stderr).toMatch(/Subject: +\S/);
      expect(r.stderr).toMatch(/Issuer: +\S/);
      expect(r.stderr).toMatch(/Expires: +\S/);
      expect(r.stderr).toContain(`SHA-256:  ${sim.fingerprint}`);
      expect(readConfig(dir)?.regions?.lab).toMatchObject({ fingerprint: sim.fingerprint, tokenSecret: token.secret });
      // and the pin works for the next call
      const test = await runReal(['region', 'test', 'lab'], { env: { PVECTL_CONFIG_DIR: dir } });
      expect(test.code, test.stderr).toBe(0);
    },
  );

  it('on a terminal, no: exit 5, nothing saved, no HTTP request, the secret never asked', async () => {
    const prompt = scriptedPrompt({ confirm: [false] });
    const r = await add([], { tty: true, prompt });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('Region "lab" was not added: its certificate was not trusted.');
    expect(prompt.asked).toHaveLength(1);
    expect(sim.sim.requestLog).toEqual([]);
    expect(readConfig(dir)).toBeNull();
  });

  it('--yes does not accept an unknown certificate', async () => {
    const r = await add(['--token-secret-stdin', '--yes'], { stdin: token.secret });
    expect(r.code).toBe(2);
    expect(readConfig(dir)).toBeNull();
  });

  it('--ca-file with the cluster CA: no question, saved with the absolute path, verified', async () => {
    const ca = join(dir, 'pve-root-ca.pem');
    writeFileSync(ca, sim.caPem);
    const r = await add(['--token-secret-stdin', '--ca-file', ca], { stdin: token.secret });
    expect(r.code, r.stderr).toBe(0);
    expect(readConfig(dir)?.regions?.lab).toMatchObject({ caFile: ca });
    expect(readConfig(dir)?.regions?.lab?.fingerprint).toBeUndefined();
  });

  it('--ca-file that is not a CA bundle: exit 2 before anything is sent', async () => {
    const notPem = join(dir, 'x.pem');
    writeFileSync(notPem, 'hello');
    for (const file of [notPem, join(dir, 'missing.pem')]) {
      const r = await add(['--token-secret-stdin', '--ca-file', file], { stdin: token.secret });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(file);
    }
    expect(sim.sim.requestLog).toEqual([]);
  });

  it('a wrong --fingerprint: exit 5 at verification, the token never sent, nothing saved', async () => {
    const r = await add(['--token-secret-stdin', '--fingerprint', '00'.repeat(32)], { stdin: token.secret });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('was not saved');
    expect(sim.sim.requestLog).toEqual([]);
    expect(readConfig(dir)).toBeNull();
  });

  it('a wrong --fingerprint: the hint is a command that works, not removing a region never saved', async () => {
    const r = await add(['--token-secret-stdin', '--fingerprint', '00'.repeat(32)], { stdin: token.secret });
    expect(r.code).toBe(5);
    expect(r.stderr).not.toContain('region remove');
    expect(r.stderr.slice(r.stderr.indexOf('\n') + 1)).toBe(
      'Region "lab" was not saved.\n' +
        "If this is your cluster's certificate (compare with `pvenode cert info` on the node), add the region " +
        'with that pin (plus any other options you gave):\n' +
        `  pvectl region add lab --url ${sim.url} --token-id '${token.id}' --fingerprint ${sim.fingerprint} ` +
        '--token-secret-stdin\n' +
        'or trust its CA with --ca-file FILE (/etc/pve/pve-root-ca.pem on a node).\n',
    );
    // and that command does work
    const again = await add(['--token-secret-stdin', '--fingerprint', sim.fingerprint], { stdin: token.secret });
    expect(again.code, again.stderr).toBe(0);
    expect(readConfig(dir)?.regions?.lab).toMatchObject({ url: sim.url });
  });

  it('--insecure warns and saves', async () => {
    const r = await add(['--token-secret-stdin', '--insecure'], { stdin: token.secret });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('region "lab" is saved without TLS verification (--insecure)');
    expect(readConfig(dir)?.regions?.lab).toMatchObject({ insecure: true });
  });
});
