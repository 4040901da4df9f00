import { describe, expect, it } from 'vitest';
import { parseFullToken, parseRegionName, parseRegionUrl, parseTokenId } from '../../src/config/values.js';
import { UsageError } from '../../src/errors.js';
import { usageErrorOf } from '../helpers/usage-error.js';

const usage = usageErrorOf;

describe('region URL', () => {
  it.each([
    ['https://pve1.example.net:8006', 'https://pve1.example.net:8006'],
    ['https://pve1.example.net', 'https://pve1.example.net:8006'],
    ['pve1.example.net', 'https://pve1.example.net:8006'],
    ['pve1.example.net:8443', 'https://pve1.example.net:8443'],
    ['https://pve1.example.net:443', 'https://pve1.example.net:443'],
    ['HTTPS://PVE1.Example.NET:8006/', 'https://pve1.example.net:8006'],
    ['https://pve1:8006/api2/json', 'https://pve1:8006'],
    ['https://pve1:8006/api2/json/', 'https://pve1:8006'],
    ['https://192.0.2.10', 'https://192.0.2.10:8006'],
    ['https://[2001:db8::1]', 'https://[2001:db8::1]:8006'],
    ['https://[2001:db8::1]:443/', 'https://[2001:db8::1]:443'],
    ['https://proxy.example.net/pve/api2/json', 'https://proxy.example.net:8006/pve'],
  ])('%s → %s', (input, expected) => {
    expect(parseRegionUrl(input)).toBe(expected);
  });

  it.each([
    ['http://pve1:8006', /--url must be an https:\/\/ URL/],
    ['ftp://pve1', /https/],
    ['https://', /not a URL|no host/],
    ['https://pve1:8006/?x=1', /must not have a \?query/],
    ['https://root:hunter2@pve1:8006', /must not contain user:password@/],
  ])('refuses %s', (input, what) => {
    const err = usage(() => parseRegionUrl(input));
    expect(err.message).toMatch(what);
    expect(err.message).not.toContain('hunter2');
  });
});

describe('token id and full token', () => {
  it.each(['root@pam!pvectl', 'ci-bot@pve!deploy_1', 'a.b@ldap-corp!tok.en'])('accepts %s', (id) => {
    expect(parseTokenId(id)).toBe(id);
  });
  it.each(['root@pam', 'root!tok', 'root@pam!', 'root@pam!1abc', 'ro ot@pam!tok'])(
    'refuses %s naming the flag',
    (id) => {
      expect(usage(() => parseTokenId(id)).message).toMatch(/^--token-id ".*" is not an API token id/);
    },
  );
  it('refuses a token id with the secret attached, without repeating it', () => {
    const err = usage(() => parseTokenId('root@pam!tok=deadbeef-secret'));
    expect(err.message).not.toContain('deadbeef');
    expect(err.hint).toContain('--token-secret-stdin');
  });
  it('splits a full token at the first "=" after the "!"', () => {
    expect(parseFullToken('root@pam!tok=a=b')).toEqual({ tokenId: 'root@pam!tok', tokenSecret: 'a=b' });
  });
});

describe('region name', () => {
  it.each(['prod', 'lab-1', 'a_b', '9'])('accepts %s', (n) => expect(parseRegionName(n)).toBe(n));
  it.each(['Prod', '-x', '', 'a b', 'a.b', 'a/b'])('refuses "%s"', (n) => {
    expect(usage(() => parseRegionName(n)).message).toMatch(/is not valid/);
  });
});
