// region pricing: set, change, show and clear a region's price list; bad values exit 2 naming the
// flag and change nothing; --dry-run prints what it would save and writes nothing.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/config/store.js';
import { run } from '../../helpers/cli.js';
import { configDir, readConfig } from './harness.js';

const FP = 'AB:'.repeat(31) + 'AB';
let dir: string;

beforeEach(async () => {
  dir = configDir();
  const store = await openStore({ PVECTL_CONFIG_DIR: dir });
  store.set('prod', {
    url: 'https://pve1.example.net:8006',
    tokenId: 'root@pam!pvectl',
    tokenSecret: 'secret-a',
    fingerprint: FP,
    defaults: { node: 'pve1' },
    domain: 'example.net',
  });
  store.set('lab', {
    url: 'https://lab.example.net:8006',
    tokenId: 'ci@pve!lab',
    tokenSecret: 'secret-b',
    insecure: true,
    pricing: { currency: 'CHF', cpuHour: 0.02, diskGiBHour: 0.0002 },
  });
  store.use('prod');
});

const sh = (args: string[]) => run(['region', 'pricing', ...args], { env: { PVECTL_CONFIG_DIR: dir, NO_COLOR: '1' } });
const file = () => readFileSync(join(dir, 'config.json'), 'utf8');

const SHOWN_EMPTY = [
  'Region:               prod',
  'Currency:             -',
  'Per vCPU-hour:        -',
  'Per GiB memory-hour:  -',
  'Per GiB disk-hour:    -',
  '',
].join('\n');

const SHOWN_FULL = [
  'Region:               prod',
  'Currency:             EUR',
  'Per vCPU-hour:        0.01',
  'Per GiB memory-hour:  0.005',
  'Per GiB disk-hour:    0.0001',
  '',
].join('\n');

const SET = ['prod', '--cpu-hour', '0.01', '--mem-gib-hour', '0.005', '--disk-gib-hour', '.0001'];

describe('region pricing: show', () => {
  it('without a price list: every price "-", and the command that sets one on stderr', async () => {
    expect(await sh(['prod'])).toEqual({
      code: 0,
      stdout: SHOWN_EMPTY,
      stderr:
        'Region "prod" has no price list. Set one with: pvectl region pricing prod --cpu-hour N ' +
        '--mem-gib-hour N --disk-gib-hour N --currency EUR\n',
    });
    expect(JSON.parse((await sh(['prod', '-o', 'json'])).stdout)).toEqual({
      region: 'prod',
      currency: null,
      cpuHour: null,
      memGiBHour: null,
      diskGiBHour: null,
    });
  });

  it('with one: the prices as saved, raw numbers in JSON (unset ones null)', async () => {
    const r = await sh(['lab']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Currency:             CHF\nPer vCPU-hour:        0.02\nPer GiB memory-hour:  -\n');
    expect(JSON.parse((await sh(['lab', '-o', 'json'])).stdout)).toEqual({
      region: 'lab',
      currency: 'CHF',
      cpuHour: 0.02,
      memGiBHour: null,
      diskGiBHour: 0.0002,
    });
  });
});

describe('region pricing: set', () => {
  it('saves the prices (currency EUR by default), prints them and keeps every other field', async () => {
    const r = await sh(SET);
    expect(r).toEqual({ code: 0, stdout: SHOWN_FULL, stderr: 'Price list of region "prod" saved (currency EUR).\n' });
    expect(readConfig(dir)).toEqual({
      currentRegion: 'prod',
      regions: {
        prod: {
          url: 'https://pve1.example.net:8006',
          tokenId: 'root@pam!pvectl',
          tokenSecret: 'secret-a',
          fingerprint: FP,
          defaults: { node: 'pve1' },
          domain: 'example.net',
          pricing: { currency: 'EUR', cpuHour: 0.01, memGiBHour: 0.005, diskGiBHour: 0.0001 },
        },
        lab: expect.objectContaining({ pricing: { currency: 'CHF', cpuHour: 0.02, diskGiBHour: 0.0002 } }),
      },
    });
    expect((await sh(['prod'])).stdout).toBe(SHOWN_FULL);
  });

  it('changes only the prices given; --currency upper-cases a code', async () => {
    const r = await sh(['lab', '--mem-gib-hour', '0', '--currency', 'usd']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('Price list of region "lab" saved.\n');
    expect(readConfig(dir)?.regions?.lab?.pricing).toEqual({
      currency: 'USD',
      cpuHour: 0.02,
      memGiBHour: 0,
      diskGiBHour: 0.0002,
    });
  });

  it('--dry-run prints what it would save and writes nothing', async () => {
    const before = file();
    const r = await sh([...SET, '--dry-run']);
    expect(r).toEqual({ code: 0, stdout: SHOWN_FULL, stderr: 'Dry run: nothing was saved.\n' });
    expect(file()).toBe(before);
    const json = await sh(['lab', '--cpu-hour', '1', '--dry-run', '-o', 'json']);
    expect(JSON.parse(json.stdout)).toEqual({
      region: 'lab',
      currency: 'CHF',
      cpuHour: 1,
      memGiBHour: null,
      diskGiBHour: 0.0002,
    });
    expect(file()).toBe(before);
  });

  const bad: Array<[string, string[], string]> = [
    ['a negative price', ['--cpu-hour', '-1'], '--cpu-hour: "-1" is not a price'],
    ['a word', ['--mem-gib-hour', 'cheap'], '--mem-gib-hour: "cheap" is not a price'],
    ['a decimal comma', ['--disk-gib-hour', '0,01'], '--disk-gib-hour: "0,01" is not a price'],
    ['an exponent', ['--cpu-hour', '1e-3'], '--cpu-hour: "1e-3" is not a price'],
    ['infinity', ['--cpu-hour', 'Infinity'], '--cpu-hour: "Infinity" is not a price'],
    ['an empty price', ['--cpu-hour', ''], '--cpu-hour: "" is not a price'],
    ['a currency with a blank', ['--cpu-hour', '1', '--currency', 'E UR'], '--currency: "E UR" is not a currency'],
    ['--clear with a price', ['--clear', '--cpu-hour', '1'], '--clear removes the price list; it cannot be combined'],
  ];
  it.each(bad)('%s: exit 2 naming the flag, nothing saved', async (_what, flags, message) => {
    const before = file();
    const r = await sh(['prod', ...flags]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`Error: ${message}`);
    expect(file()).toBe(before);
  });

  it('a currency alone is no price list: exit 2, nothing saved', async () => {
    const before = file();
    const r = await sh(['prod', '--currency', 'EUR']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('give at least one of --cpu-hour, --mem-gib-hour, --disk-gib-hour');
    expect(file()).toBe(before);
  });

  it('an unknown region: exit 3 listing the configured ones', async () => {
    const r = await sh(['nope', '--cpu-hour', '1']);
    expect(r).toEqual({
      code: 3,
      stdout: '',
      stderr: 'Error: Region "nope" is not configured.\nConfigured regions: lab, prod.\n',
    });
  });
});

describe('region pricing --clear', () => {
  it('removes the price list; with --dry-run it only says so', async () => {
    const before = file();
    const dry = await sh(['lab', '--clear', '--dry-run']);
    expect(dry).toEqual({
      code: 0,
      stdout: '',
      stderr: 'Dry run: the price list of region "lab" would be removed; nothing was saved.\n',
    });
    expect(file()).toBe(before);

    const r = await sh(['lab', '--clear']);
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'Price list of region "lab" removed.\n' });
    expect(readConfig(dir)?.regions?.lab).toEqual({
      url: 'https://lab.example.net:8006',
      tokenId: 'ci@pve!lab',
      tokenSecret: 'secret-b',
      insecure: true,
    });
    expect(await sh(['lab', '--clear'])).toEqual({
      code: 0,
      stdout: '',
      stderr: 'Region "lab" has no price list; nothing to clear.\n',
    });
  });
});

describe('a hand-edited price list', () => {
  it('with a misspelt key is reported, not read as a price of 0', async () => {
    const data = JSON.parse(file());
    data.regions.lab.pricing = { currency: 'CHF', cpuHours: 0.02 };
    writeFileSync(join(dir, 'config.json'), JSON.stringify(data), { mode: 0o600 });
    const r = await sh(['lab']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('regions.lab.pricing must NOT have additional properties');
  });
});
