// A token travels in the Authorization header, which carries visible ASCII only (Node refuses "€"
// with ERR_INVALID_CHAR, and sends Latin-1 as bytes no Proxmox token matches). Wherever a token is
// read (PVECTL_TOKEN, --token-id, region add's secret, config.json read back) such a character is a
// usage error (exit 2) naming the part, id or secret, never showing the secret, with nothing sent.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkTokenCharacters, parseFullToken, parseTokenId } from '../../src/config/values.js';
import { UsageError } from '../../src/errors.js';
import { run, SIM_URL, startInProcessSim, type InProcessSim } from '../helpers/cli.js';
import { configDir, readConfig, scriptedPrompt, splitToken } from '../commands/region/harness.js';
import { usageErrorOf } from '../helpers/usage-error.js';

const usage = usageErrorOf;

const SECRET_MSG = 'the token secret has a character an HTTP header cannot carry';
const ID_MSG = 'the token id has a character an HTTP header cannot carry';

describe('checkTokenCharacters', () => {
  it.each(['sekret-€', 'tab\there', 'nul\0', 'del\x7f', 'Latin-1 ü', 'space inside'])(
    'refuses the secret %j, without showing it',
    (secret) => {
      const err = usage(() => parseFullToken(`root@pam!pvectl=${secret}`));
      expect(err.message).toBe(`PVECTL_TOKEN: ${SECRET_MSG} (only visible ASCII is allowed; the value is not shown)`);
      expect(err.exitCode).toBe(2);
    },
  );

  it('names the id when the id is at fault (the id may be shown; it is not)', () => {
    expect(usage(() => parseFullToken('jürgen@pve!pvectl=abc')).message).toBe(
      `PVECTL_TOKEN: ${ID_MSG} (only visible ASCII is allowed)`,
    );
    expect(usage(() => parseTokenId('jürgen@pve!pvectl')).message).toBe(
      `--token-id: ${ID_MSG} (only visible ASCII is allowed)`,
    );
  });

  it('accepts what Proxmox VE issues: ASCII ids and UUID secrets', () => {
    expect(parseFullToken('root@pam!pvectl=0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0').tokenSecret).toBe(
      '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0',
    );
    expect(() => checkTokenCharacters('a.b-c@pve!x_1', '!#$%&*+-./:;<=>?@[]^_`{|}~', 'x')).not.toThrow();
  });
});

describe('through the CLI: exit 2 and no request at all', () => {
  let s: InProcessSim;
  let dir: string;
  beforeAll(() => {
    s = startInProcessSim();
  });
  afterAll(() => s.close());
  beforeEach(() => {
    dir = configDir();
    s.sim.requestLog.length = 0;
  });
  const token = () => splitToken(s.sim.token);

  it.each([
    ['api get /version', ['api', 'get', '/version']],
    ['api post', ['api', 'post', '/nodes/pve1/qemu/100/status/start']],
  ])('PVECTL_TOKEN with "€" in the secret: %s', async (_, args) => {
    const r = await run(args, { env: { ...s.env, PVECTL_TOKEN: `${token().id}=${token().secret}€` } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`PVECTL_TOKEN: ${SECRET_MSG}`);
    expect(r.stderr).not.toContain(token().secret);
    expect(s.sim.requestLog).toEqual([]);
  });

  it('a token in config.json read back (hand-edited): the region is named, the secret is not shown', async () => {
    const regions = { lab: { url: SIM_URL, tokenId: token().id, tokenSecret: `${token().secret}€` } };
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ currentRegion: 'lab', regions }), { mode: 0o600 });
    for (const args of [
      ['vm', 'start', 'web-1'],
      ['api', 'get', '/version'],
    ]) {
      const r = await run(args, { env: { PVECTL_CONFIG_DIR: dir, NO_COLOR: '1' } });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`region "lab": ${SECRET_MSG}`);
      expect(r.stderr).toContain('pvectl region set lab --token-secret-stdin');
      expect(r.stderr).not.toContain(token().secret);
    }
    expect(s.sim.requestLog).toEqual([]);
  });

  const add = (extra: string[], opts: Parameters<typeof run>[1]) =>
    run(
      ['region', 'add', 'lab', '--url', SIM_URL, '--token-id', token().id, '--fingerprint', 'ab'.repeat(32), ...extra],
      { env: { PVECTL_CONFIG_DIR: dir, NO_COLOR: '1' }, ...opts },
    );

  it('region add: a secret from stdin or from the prompt is refused before verifying; nothing saved', async () => {
    const piped = await add(['--token-secret-stdin'], { stdin: `${token().secret}€\n` });
    expect(piped.code).toBe(2);
    expect(piped.stderr).toContain(`--token-secret-stdin: ${SECRET_MSG}`);
    const prompt = scriptedPrompt({ secret: [`€${token().secret}`] });
    const typed = await add([], { tty: true, prompt });
    expect(typed.code).toBe(2);
    expect(typed.stderr).toContain(`the secret typed: ${SECRET_MSG}`);
    for (const r of [piped, typed]) expect(r.stderr).not.toContain(token().secret);
    expect(s.sim.requestLog).toEqual([]);
    expect(readConfig(dir)).toBeNull();
  });
});
