// Each exit-2 path of the value bounds, run in-process against the simulator: the command exits
// 2 with a message naming the flag, and the simulator's request log holds no write (no non-GET).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';

let s: InProcessSim;
let env: Record<string, string>;

beforeAll(() => {
  s = startInProcessSim();
  env = { ...s.env, HOME: mkdtempSync(join(tmpdir(), 'pvectl-home-')) };
});
afterAll(() => s.close());
beforeEach(() => {
  s.sim.requestLog.length = 0;
});

const writes = () => s.sim.requestLog.filter((e) => e.method !== 'GET').map((e) => `${e.method} ${e.path}`);
const HUGE = '9999999999999999999999';
const MiB = 1024 * 1024;

describe('exit 2 and nothing written', () => {
  it.each([
    [
      ['vm', 'create', 'big', '--os', 'debian-12', '--disk', `${HUGE}T`],
      /--disk: "9+T" is too large; the most is 8192T/,
    ],
    [['ct', 'create', 'big', '--os', 'debian-12', '--disk', '9'.repeat(400)], /--disk: .* is too large/],
    [['vm', 'create', 'big', '--os', 'debian-12', '--mem', '5T'], /--mem: "5T" is more than the maximum of 4T/],
    [['ct', 'create', 'big', '--os', 'debian-12', '--mem', `${HUGE}G`], /--mem: .* is too large/],
    [['vm', 'create', 'low', '--os', 'debian-12', '--vmid', '99'], /--vmid 99: VMIDs start at 100/],
    [['ct', 'create', 'high', '--os', 'debian-12', '--vmid', '1000000000'], /from 100 to 999999999/],
    [['vm', 'resize', 'web-1', '--mem', `${HUGE}T`], /--mem: .* is too large/],
    [['vm', 'resize', 'web-1', '--disk', `+${HUGE}T`], /--disk: .* is too large/],
    [['vm', 'resize', 'web-1', '--disk', `${HUGE}`], /--disk: .* is too large/],
    [['vm', 'start', 'web-1', '--timeout', '0'], /--timeout: "0" must be longer than 0/],
    [['vm', 'stop', 'web-1', '--timeout', '30d'], /--timeout: "30d" is too long; the most is 24d/],
  ])('%j', async (args, message) => {
    const r = await run(args, { env });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
    expect(writes()).toEqual([]);
  });

  it('--ssh-key /dev/zero stops at 256 KiB', async () => {
    const r = await run(['vm', 'create', 'k', '--os', 'debian-12', '--ssh-key', '/dev/zero'], { env });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('--ssh-key /dev/zero is larger than 256 KiB');
    expect(writes()).toEqual([]);
  });

  it('a root password on stdin larger than 1 MiB', async () => {
    const args = ['ct', 'create', 'pw', '--os', 'debian-12', '--password-stdin'];
    const r = await run(args, { env, stdin: 'x'.repeat(MiB + 1) });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('stdin is larger than 1 MiB');
    expect(writes()).toEqual([]);
  });

  describe('region add (nothing saved either)', () => {
    const add = (extra: string[], stdin = 'secret-1234\n') =>
      run(
        [
          ...['region', 'add', 'lab', '--url', 'https://pve.test:8006', '--token-id', 'root@pam!pvectl'],
          ...['--token-secret-stdin', '--insecure', '--no-verify', ...extra],
        ],
        { env: { PVECTL_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'pvectl-bounds-')), HOME: env.HOME }, stdin },
      );
    it.each([
      [['--request-timeout', '30d'], /--request-timeout: "30d" is too long/],
      [['--connect-timeout', '0s'], /--connect-timeout: "0s" must be longer than 0/],
      [['--request-timeout', `${HUGE}h`], /--request-timeout: .* is too long/],
    ])('%j', async (extra, message) => {
      const r = await add(extra);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(writes()).toEqual([]);
    });
    it('a token secret on stdin larger than 1 MiB', async () => {
      const r = await add([], 'x'.repeat(MiB + 1));
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain('stdin is larger than 1 MiB');
      expect(writes()).toEqual([]);
    });
    it('--ca-file /dev/zero stops at 4 MiB', async () => {
      const r = await run(
        ['region', 'add', 'lab', '--url', 'https://pve.test:8006', '--token-id', 'root@pam!pvectl'].concat([
          '--ca-file',
          '/dev/zero',
          '--token-secret-stdin',
        ]),
        { env: { PVECTL_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'pvectl-bounds-')) }, stdin: 'secret\n' },
      );
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain('CA file /dev/zero is larger than 4 MiB');
      expect(writes()).toEqual([]);
    });
  });

  it('a hand-edited request timeout beyond what a timer can wait is refused when read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pvectl-bounds-'));
    const [tokenId, tokenSecret] = [s.sim.token.slice(0, s.sim.token.indexOf('=')), 'x'];
    const lab = {
      url: 'https://pve.test:8006',
      tokenId,
      tokenSecret,
      insecure: true,
      requestTimeoutMs: 30 * 86_400_000,
    };
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ currentRegion: 'lab', regions: { lab } }), {
      mode: 0o600,
    });
    const r = await run(['vm', 'start', 'web-1'], { env: { PVECTL_CONFIG_DIR: dir } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('regions.lab.requestTimeoutMs must be <= 2147483647');
    expect(s.sim.requestLog).toEqual([]);
  });
});
