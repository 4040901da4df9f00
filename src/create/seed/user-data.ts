// The user-data of the seed: pvectl's cloud-config alone, merged with the user's #cloud-config,
// or, for any other kind of user-data, both as one MIME multi-part archive (cloud-init's
// "user data formats": each part's Content-Type says what it is).
import { parse } from 'yaml';
import { UsageError } from '../../errors.js';
import { cloudConfigText, type CloudConfig } from './cloud-config.js';
import { mimeArchive, splitMultipart, type MimePart } from './mime.js';

/** cloud-init's start-of-text markers and the MIME types they stand for. */
const KINDS: Array<[string, string]> = [
  ['#cloud-config-archive', 'text/cloud-config-archive'],
  ['#cloud-config-jsonp', 'text/cloud-config-jsonp'],
  ['#cloud-config', 'text/cloud-config'],
  ['#cloud-boothook', 'text/cloud-boothook'],
  ['#include-once', 'text/x-include-once-url'],
  ['#include', 'text/x-include-url'],
  ['#part-handler', 'text/part-handler'],
  ['## template: jinja', 'text/jinja2'],
  ['#!', 'text/x-shellscript'],
];

export function userDataKind(text: string): string | undefined {
  if (/^(content-type:\s*multipart\/|mime-version:)/i.test(text)) return 'multipart/mixed';
  return KINDS.find(([mark]) => text.startsWith(mark))?.[1];
}

/** Lists are joined (pvectl's entries first, duplicates once); for any other key the user's value wins. */
export function mergeCloudConfig(ours: CloudConfig, theirs: CloudConfig, source: string): CloudConfig {
  const out: CloudConfig = { ...ours };
  for (const [key, value] of Object.entries(theirs)) {
    const mine = ours[key];
    if (['users', 'packages', 'runcmd', 'ssh_authorized_keys', 'bootcmd'].includes(key)) {
      if (!Array.isArray(value)) throw new UsageError(`${source}: "${key}" must be a list in a #cloud-config`);
      out[key] = joinLists(Array.isArray(mine) ? mine : [], value);
    } else {
      out[key] = value;
    }
  }
  return out;
}

function joinLists(a: unknown[], b: unknown[]): unknown[] {
  const seen = new Set(a.map((x) => JSON.stringify(x)));
  return [...a, ...b.filter((x) => !seen.has(JSON.stringify(x)))];
}

/** The user-data to send: `user` is the text of --user-data (undefined: none given). */
export function buildUserData(ours: CloudConfig, user: string | undefined, source = '--user-data'): string {
  if (user === undefined || user.trim() === '') return cloudConfigText(ours);
  if (user.startsWith('\x1f\x8b')) throw new UsageError(`${source} is gzip-compressed: give it uncompressed`);
  const kind = userDataKind(user);
  if (kind === 'text/cloud-config') {
    let theirs: unknown;
    try {
      theirs = parse(user);
    } catch (err) {
      throw new UsageError(`${source} is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
    }
    if (theirs === null || theirs === undefined) return cloudConfigText(ours);
    if (typeof theirs !== 'object' || Array.isArray(theirs)) {
      throw new UsageError(`${source}: a #cloud-config must be a YAML mapping (key: value)`);
    }
    return cloudConfigText(mergeCloudConfig(ours, theirs as CloudConfig, source));
  }
  if (kind === undefined) {
    throw new UsageError(
      `${source} is not user-data cloud-init knows: start it with #cloud-config, #!, #include, ` +
        '#cloud-boothook or a MIME multipart header',
    );
  }
  const parts: MimePart[] = [{ type: 'text/cloud-config', filename: 'pvectl.cfg', body: cloudConfigText(ours) }];
  if (kind === 'multipart/mixed') parts.push(...splitMultipart(user, source));
  else parts.push({ type: kind, filename: 'user-data', body: user });
  return mimeArchive(parts);
}
