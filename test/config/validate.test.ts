// pvectl checks config.json with its own walker of schema.ts (src/config/validate.ts) instead of
// conf's ajv: these cases hold it to ajv's verdicts and messages, word for word and in order, with
// the options conf used (Ajv2020, allErrors), so users see the same errors as before.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { assertValidConfig, schemaErrors, type SchemaNode } from '../../src/config/validate.js';

const root: SchemaNode = { type: 'object', properties: configSchema };
const ajvCheck = new Ajv2020({ allErrors: true, useDefaults: true }).compile(root);
const ajvErrors = (data: unknown) =>
  ajvCheck(data) ? [] : ajvCheck.errors!.map(({ instancePath, message }) => ({ instancePath, message }));

const good = {
  url: 'https://pve1.example.net:8006/proxy',
  tokenId: 'root@pam!pvectl',
  tokenSecret: 's',
  fingerprint: 'ab'.repeat(32),
  caFile: '/etc/ca.pem',
  insecure: false,
  defaults: { node: 'pve1', storage: 'local-lvm', bridge: 'vmbr0', pool: 'p', isoStorage: 'local' },
  domain: 'example.net',
  ipPool: { cidr: '192.0.2.0/24', start: '192.0.2.10', end: '192.0.2.20', gateway: '192.0.2.1', dns: ['1.1.1.1'] },
  vmidRange: { min: 100, max: 999999999 },
  pricing: { currency: 'EUR', cpuHour: 0.01, memGiBHour: 0, diskGiBHour: 1 },
  connectTimeoutMs: 1,
  requestTimeoutMs: 2 ** 31 - 1,
};
const region = (over: Record<string, unknown>) => ({ regions: { a: { ...good, ...over } } });

const cases: Array<[string, unknown]> = [
  ['empty', {}],
  ['a full valid region', { currentRegion: 'a', regions: { a: good, 'b-2_x': good }, futureKey: 1 }],
  ['top level an array', []],
  ['top level null', null],
  ['top level a string', 'x'],
  ['currentRegion not a string', { currentRegion: 5 }],
  ['currentRegion bad', { currentRegion: 'Bad' }],
  ['regions an array', { regions: [] }],
  ['bad region names', { regions: { 'Bad Name': good, _x: good, ok: good } }],
  ['bad name and bad entry', { regions: { 'Bad Name': { url: 1 } } }],
  ['region not an object', { regions: { a: 'x' } }],
  ['region empty', { regions: { a: {} } }],
  ['http url', region({ url: 'http://pve:8006' })],
  ['url with trailing slash', region({ url: 'https://pve:8006/' })],
  ['url not a string', region({ url: 8006 })],
  ['token id', region({ tokenId: 'root@pam' })],
  ['empty secret', region({ tokenSecret: '' })],
  ['fingerprint', region({ fingerprint: 'AB:CD' })],
  ['insecure', region({ insecure: 'yes' })],
  ['unknown keys', region({ fingerprnt: 'x', zzz: 1 })],
  ['defaults', { regions: { a: { ...good, defaults: { node: '', storage: 3, nod: 'x' } } } }],
  ['defaults not object', region({ defaults: [] })],
  ['ip pool', region({ ipPool: { cidr: '10.0.0.0', dns: ['', 3, 'x'], extra: true } })],
  ['ip pool dns not array', region({ ipPool: { cidr: '10.0.0.0/8', gateway: 'g', dns: 'x' } })],
  ['vmid range', region({ vmidRange: { min: 5, max: 'x' } })],
  ['vmid range big and fractional', region({ vmidRange: { min: 100.5, max: 1e10 } })],
  ['vmid range missing', region({ vmidRange: {} })],
  ['pricing', region({ pricing: { cpuHour: -1, memGiBHour: 'x', other: 1 } })],
  ['timeouts', region({ connectTimeoutMs: 0, requestTimeoutMs: 2 ** 31 })],
  ['timeout fractional', region({ connectTimeoutMs: 1.5, requestTimeoutMs: '5' })],
  ['fractional and below the minimum', region({ connectTimeoutMs: 0.5 })],
  ['everything wrong at once', { currentRegion: 1, regions: { B: { url: 'x', insecure: 1, q: 1, vmidRange: 1 } } }],
  ['unicode secret', region({ tokenSecret: '\u{1F600}' })],
  ['key needing escapes', region({ 'a/b~c': 1 })],
];

describe('config.json validation matches ajv on schema.ts', () => {
  it.each(cases)('%s', (_label, data) => {
    expect(schemaErrors(root, data)).toEqual(ajvErrors(data));
  });

  it('the cases cover both verdicts', () => {
    expect(cases.filter(([, d]) => ajvErrors(d).length === 0).length).toBeGreaterThan(1);
    expect(cases.filter(([, d]) => ajvErrors(d).length > 0).length).toBeGreaterThan(20);
  });

  it("throws conf's error text, which config-error.ts turns into its message", () => {
    expect(() => assertValidConfig(root, region({ insecure: 'yes' }))).toThrow(
      'Config schema violation: `regions/a/insecure` must be boolean',
    );
    expect(() => assertValidConfig(root, { regions: { a: good } })).not.toThrow();
  });

  it('refuses a schema keyword it does not know, rather than ignore the rule', () => {
    expect(() => schemaErrors({ enum: ['a'] } as SchemaNode, 'b')).toThrow(/unsupported schema keyword "enum"/);
  });
});
