// Checks of what the user typed for `vm create` / `ct create`, done before any request is sent:
// the name, tags, the cloud-init user, --ip/--gw, the SSH key files and the root password.
import { readdir } from 'node:fs/promises';
import { KiB, readFileBounded } from '../lib/bounded-read.js';
import { join } from 'node:path';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { contains, formatIpv4, parseCidr, parseIpv4 } from './ipv4.js';

export type IpChoice =
  { mode: 'dhcp' } | { mode: 'auto' } | { mode: 'static'; address: string; prefix: number; gateway: string };

const LABEL_RE = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

/** Guest names are DNS labels: they become the hostname (and NAME.DOMAIN with a region domain). */
export function checkName(name: string): string {
  if (!LABEL_RE.test(name) || /^\d+$/.test(name)) {
    throw new UsageError(
      `"${name}" is not a valid guest name: use a DNS label of 1-63 letters, digits and inner hyphens, not ` +
        `only digits (e.g. web-1)`,
    );
  }
  return name;
}

// Proxmox's tag format (pve-tag): case-insensitive, stored lower-case by pvectl
const TAG_RE = /^[a-z0-9_][a-z0-9_\-+.]*$/i;

/**
 * Tags as Proxmox stores them (QUIRKS C5): lower-case, de-duplicated, sent `;`-joined. Each --tag
 * is one tag: "a b" or "a,b" is refused rather than split, since the user may not mean two tags.
 */
export function normalizeTags(tags: string[]): string[] {
  const out: string[] = [];
  for (const raw of tags) {
    if (!TAG_RE.test(raw)) {
      const several = /^[^;,\s]+([;,\s]+[^;,\s]+)+$/.test(raw.trim())
        ? `; for several tags repeat the flag (--tag ${raw
            .trim()
            .split(/[;,\s]+/)
            .join(' --tag ')})`
        : '';
      throw new UsageError(
        `--tag "${raw}" is not a valid tag: tags are letters, digits and _ - + . (not starting with - + .)${several}`,
      );
    }
    const tag = raw.toLowerCase();
    if (!out.includes(tag)) out.push(tag);
  }
  return out;
}

export function checkUser(user: string): string {
  if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(user)) {
    throw new UsageError(
      `--user "${user}": a user name is a lower-case letter or _ followed by up to 31 letters, digits, _ or -`,
    );
  }
  return user;
}

export function parseIpChoice(ip: string | undefined, gw: string | undefined): IpChoice {
  const value = (ip ?? 'dhcp').trim();
  if (value === 'dhcp' || value === 'auto') {
    if (gw !== undefined) throw new UsageError(`--gw goes with a static --ip ADDR/PREFIX, not with --ip ${value}`);
    return { mode: value };
  }
  const cidr = parseCidr(value);
  if (!cidr || cidr.prefix < 1) {
    throw new UsageError(
      `--ip "${value}": use dhcp, auto (the region's IP pool) or an IPv4 address with prefix length, e.g. ` +
        `192.0.2.10/24`,
    );
  }
  if (cidr.prefix < 31 && (cidr.address === cidr.network || cidr.address === cidr.broadcast)) {
    throw new UsageError(
      `--ip ${value}: that is the ${cidr.address === cidr.network ? 'network' : 'broadcast'} address of the ` +
        `subnet; pick a host address`,
    );
  }
  if (gw === undefined)
    throw new UsageError(
      `--ip ${value} needs --gw ADDR (the gateway inside ${formatIpv4(cidr.network)}/${cidr.prefix})`,
    );
  const gateway = parseIpv4(gw);
  if (gateway === undefined) throw new UsageError(`--gw "${gw}" is not an IPv4 address`);
  if (!contains(cidr, gateway) || gateway === cidr.address) {
    throw new UsageError(`--gw ${gw} must be another address inside ${formatIpv4(cidr.network)}/${cidr.prefix}`);
  }
  return { mode: 'static', address: formatIpv4(cidr.address), prefix: cidr.prefix, gateway: formatIpv4(gateway) };
}

const KEY_RE = new RegExp(
  /^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)/.source +
    /\s+[A-Za-z0-9+/]+=*(\s.*)?$/.source,
);

/**
 * Public keys from --ssh-key files, or by default every ~/.ssh/id_*.pub present (HOME from the
 * context, so tests control it). A missing or non-public-key file is a usage error; a private
 * key is refused outright, never sent.
 */
export async function readSshKeys(ctx: Context, files: string[]): Promise<{ keys: string[]; files: string[] }> {
  const home = ctx.env.HOME;
  let paths = files.map((f) => (f.startsWith('~/') && home ? join(home, f.slice(2)) : f));
  if (paths.length === 0) {
    if (!home) return { keys: [], files: [] };
    const dir = join(home, '.ssh');
    const names = await readdir(dir).catch(() => [] as string[]);
    paths = names
      .filter((n) => /^id_[^/]*\.pub$/.test(n))
      .sort()
      .map((n) => join(dir, n));
  }
  const keys: string[] = [];
  for (const path of paths) {
    let text: string;
    try {
      // bounded: --ssh-key /dev/zero must not read forever
      text = await readFileBounded(path, 256 * KiB, `--ssh-key ${path}`);
    } catch (err) {
      if (err instanceof UsageError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      throw new UsageError(
        `--ssh-key ${path}: ${code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? String(err)})`}`,
      );
    }
    if (/PRIVATE KEY/.test(text)) {
      throw new UsageError(`--ssh-key ${path} is a private key; pass the public one (${path}.pub)`);
    }
    const lines = text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    const bad = lines.find((l) => !KEY_RE.test(l));
    if (lines.length === 0 || bad !== undefined) {
      throw new UsageError(
        `--ssh-key ${path} does not hold OpenSSH public keys (expected lines like "ssh-ed25519 AAAA… comment")`,
      );
    }
    for (const l of lines) if (!keys.includes(l)) keys.push(l);
  }
  return { keys, files: paths };
}

/** --password-stdin: the first line of stdin (a prompt without echo on a terminal); at least 5 characters. */
export async function readPassword(ctx: Context): Promise<string> {
  const raw = ctx.io.stdinTTY ? await ctx.prompt.secret('Root password for the container: ') : await ctx.readStdin();
  const password = raw.replace(/\r?\n$/, '');
  if (password.length < 5) throw new UsageError('--password-stdin: the password must be at least 5 characters long');
  if (/[\r\n]/.test(password)) throw new UsageError('--password-stdin: the password must be one line');
  return password;
}
