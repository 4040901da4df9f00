// Where live completion values come from and how a Tab stays quick: the region on the line
// (`-r`), the config file's region names, the short cache, the look-up budget, and silence on
// failure (a Tab never prints an error or prompts).
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/context.js';
import { CACHE_TTL_MS } from '../../../src/commands/completion/cache.js';
import { handClock } from './hand-clock.js';
import { run, SIM_URL, startInProcessSim, type InProcessSim } from '../../helpers/cli.js';

const OTHER = 'https://other.test:8006';
let s: InProcessSim;
let env: Record<string, string>;
/** what the other region's cluster answers, and how often it was asked */
const other = {
  asked: 0,
  guests: [
    { id: 'qemu/777', type: 'qemu', vmid: 777, name: 'elsewhere', node: 'far1', status: 'running' },
    { id: 'qemu/778', type: 'qemu', vmid: 778, name: 'evil\x1b[31m', node: 'far1', status: 'running' },
  ],
};

beforeAll(() => {
  s = startInProcessSim();
  const eq = s.sim.token.indexOf('=');
  const token = { tokenId: s.sim.token.slice(0, eq), tokenSecret: s.sim.token.slice(eq + 1), insecure: true };
  writeFileSync(
    join(s.env.PVECTL_CONFIG_DIR!, 'config.json'),
    JSON.stringify({
      currentRegion: 'home',
      regions: { home: { url: SIM_URL, ...token }, other: { url: OTHER, ...token } },
    }),
  );
  // the other region has one VM, whose name carries a terminal escape: data, never offered raw
  s.server.use(
    http.get(`${OTHER}/api2/json/cluster/resources`, () => {
      other.asked += 1;
      return HttpResponse.json({ data: other.guests });
    }),
  );
  env = { PVECTL_CONFIG_DIR: s.env.PVECTL_CONFIG_DIR!, NO_COLOR: '1' };
});
afterAll(() => s.close());

const lines = (stdout: string) => stdout.split('\n').filter(Boolean);
const complete = (words: string[], opts: { env?: Record<string, string>; clock?: Clock } = {}) =>
  run(['__complete', '--', ...words], { env: opts.env ?? env, clock: opts.clock ?? handClock() });

describe('live completion values', () => {
  it('offers the configured region names after -r/--region and for region verbs, none for a new name', async () => {
    expect(lines((await complete(['-r', ''])).stdout)).toEqual(['home', 'other']);
    expect(lines((await complete(['--region=o'])).stdout)).toEqual(['--region=other']);
    expect(lines((await complete(['region', 'use', ''])).stdout)).toEqual(['home', 'other']);
    expect(lines((await complete(['region', 'add', ''])).stdout)).toEqual([]);
  });

  it('asks the region named on the line (-r), and offers no name with control characters', async () => {
    expect(lines((await complete(['vm', 'show', ''])).stdout)).toContain('web-1');
    const other = await complete(['-r', 'other', 'vm', 'show', '']);
    expect(lines(other.stdout)).toEqual(['elsewhere', '777', '778']);
    const after = await complete(['vm', '--region', 'other', 'start', '']);
    expect(lines(after.stdout)).toEqual(['elsewhere', '777', '778']);
  });

  it('prints nothing and exits 0 when the region cannot be used (unknown name, no region at all)', async () => {
    for (const e of [env, { PVECTL_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'pvectl-empty-')) }]) {
      const r = await complete(['-r', 'nope', 'vm', 'start', ''], { env: e });
      expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    }
  });

  it('caches values briefly in the user cache dir: a second Tab sends no request, a later one asks again', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'pvectl-cache-'));
    const clock = handClock();
    const withCache = { ...env, XDG_CACHE_HOME: cache };
    const words = ['-r', 'other', 'vm', 'start', ''];
    const asked = other.asked;

    expect(lines((await complete(words, { env: withCache, clock })).stdout)).toEqual(['elsewhere', '777', '778']);
    expect(other.asked).toBe(asked + 1);
    const [file] = readdirSync(join(cache, 'pvectl'));
    expect(statSync(join(cache, 'pvectl', file!)).mode & 0o777).toBe(0o600);

    other.guests = [{ ...other.guests[0]!, vmid: 779, id: 'qemu/779', name: 'newer' }];
    clock.t += CACHE_TTL_MS - 1;
    expect(lines((await complete(words, { env: withCache, clock })).stdout)).toEqual(['elsewhere', '777', '778']);
    expect(other.asked).toBe(asked + 1);

    clock.t += 2;
    expect(lines((await complete(words, { env: withCache, clock })).stdout)).toEqual(['newer', '779']);
    expect(other.asked).toBe(asked + 2);
    // another source, region or kind is another entry
    expect(lines((await complete(['vm', 'start', 'web'], { env: withCache, clock })).stdout)).toEqual([
      'web-1',
      'web-2',
    ]);
  });

  it('gives up on the cluster when the budget runs out: fixed values still come, nothing is cached', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'pvectl-cache-'));
    // a clock whose every sleep is over at once: the budget has run out before any answer
    const expired: Clock = { now: () => 1_000_000, sleep: () => Promise.resolve() };
    const r = await complete(['vm', 'start', '--status', 'r'], {
      env: { ...env, XDG_CACHE_HOME: cache },
      clock: expired,
    });
    expect(r).toEqual({ code: 0, stdout: 'running\n', stderr: '' });
    const guests = await complete(['vm', 'start', ''], { env: { ...env, XDG_CACHE_HOME: cache }, clock: expired });
    expect(guests).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readdirSync(cache)).toEqual([]);
  });
});
