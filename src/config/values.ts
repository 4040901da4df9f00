// Parsers for the values that make up a region, shared by `region add` (flags) and region
// resolution (environment). Each names where the bad value came from; none echoes a secret.
import { UsageError } from '../errors.js';
import { normalizeFingerprint } from '../api/tls.js';
import { REGION_NAME_PATTERN, TOKEN_ID_PATTERN } from './schema.js';

/** Names a region may not have: they mean something else to --region. */
export const RESERVED_REGION_NAMES = ['all', 'env'];

export function parseRegionName(value: string, source = 'region name'): string {
  if (!new RegExp(REGION_NAME_PATTERN).test(value)) {
    throw new UsageError(
      `${source} "${value}" is not valid: use lower-case letters, digits, "-" and "_", starting with a letter or digit`,
    );
  }
  return value;
}

/**
 * "https://pve1.example.net:8006" from what a user types: https only, port 8006 when none is
 * given, a trailing "/" or "/api2/json" dropped. No scheme means https.
 */
export function parseRegionUrl(value: string, source = '--url'): string {
  const raw = value.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let u: URL;
  try {
    u = new URL(withScheme);
  } catch {
    throw new UsageError(`${source} "${value}" is not a URL`, { hint: 'Example: https://pve1.example.net:8006' });
  }
  if (u.protocol !== 'https:') {
    throw new UsageError(`${source} must be an https:// URL (Proxmox VE serves its API over TLS on port 8006)`);
  }
  if (u.username || u.password) {
    // never echo it: the password part is a credential
    throw new UsageError(`${source} must not contain user:password@; the API token is given with --token-id`);
  }
  if (u.search || u.hash) throw new UsageError(`${source} "${value}" must not have a ?query or #fragment`);
  // URL drops a port equal to the scheme's default (443), so look at what was typed.
  const typedPort = /^[a-z]+:\/\/(?:\[[^\]]*\]|[^/?#:]*)(:\d+)/i.exec(withScheme)?.[1];
  const port = typedPort ?? ':8006';
  const path = u.pathname
    .replace(/\/+$/, '')
    .replace(/\/api2\/json$/, '')
    .replace(/\/+$/, '');
  if (!u.hostname) throw new UsageError(`${source} "${value}" has no host name`);
  return `https://${u.hostname}${port}${path}`;
}

export function parseTokenId(value: string, source = '--token-id'): string {
  if (value.includes('=')) {
    // looks like a whole token, secret included: do not repeat it
    throw new UsageError(`${source} must be only the token id (user@realm!tokenname), without "=secret"`, {
      hint: 'Give the secret on stdin with --token-secret-stdin, or type it at the prompt; never on the command line.',
    });
  }
  if (!new RegExp(TOKEN_ID_PATTERN).test(value)) {
    throw new UsageError(
      `${source} "${value}" is not an API token id: expected user@realm!tokenname, e.g. root@pam!pvectl`,
    );
  }
  checkTokenCharacters(value, undefined, source);
  return value;
}

// The token travels in the Authorization header, which carries visible ASCII: Node refuses most
// other characters and sends Latin-1 ones as single bytes, which no Proxmox token matches.
const SENDABLE = /^[\x21-\x7e]+$/;

/**
 * A UsageError (exit 2, before anything is sent) naming the part of the token, id or secret, that
 * has a character HTTP cannot carry. The secret is never shown; `source` says where it came from.
 */
export function checkTokenCharacters(
  tokenId: string | undefined,
  tokenSecret: string | undefined,
  source: string,
  hint?: string,
): void {
  const bad = tokenId !== undefined && !SENDABLE.test(tokenId) ? 'id' : undefined;
  const part = bad ?? (tokenSecret !== undefined && !SENDABLE.test(tokenSecret) ? 'secret' : undefined);
  if (!part) return;
  throw new UsageError(
    `${source}: the token ${part} has a character an HTTP header cannot carry (only visible ASCII is allowed` +
      `${part === 'secret' ? '; the value is not shown' : ''})`,
    { hint: hint ?? 'Copy the token again from Proxmox VE (Datacenter > Permissions > API Tokens).' },
  );
}

/** A full token "user@realm!name=secret", split at the first "=" after the "!". */
export function parseFullToken(value: string, source = 'PVECTL_TOKEN'): { tokenId: string; tokenSecret: string } {
  const bang = value.indexOf('!');
  const eq = bang < 0 ? -1 : value.indexOf('=', bang);
  const tokenId = eq < 0 ? '' : value.slice(0, eq).trim();
  const tokenSecret = eq < 0 ? '' : value.slice(eq + 1).trim();
  if (!new RegExp(TOKEN_ID_PATTERN).test(tokenId) || tokenSecret === '') {
    throw new UsageError(`${source} is malformed: expected user@realm!tokenname=secret (the value is not shown)`, {
      hint:
        'Proxmox VE shows the token id and secret once, when the token is created (Datacenter > Permissions > ' +
        'API Tokens).',
    });
  }
  checkTokenCharacters(tokenId, tokenSecret, source);
  return { tokenId, tokenSecret };
}

export function parseFingerprint(value: string, source = '--fingerprint'): string {
  try {
    return normalizeFingerprint(value);
  } catch (err) {
    if (err instanceof UsageError) throw new UsageError(`${source}: ${err.message}`, { hint: err.hint });
    throw err;
  }
}

/** PVECTL_INSECURE: "1" (or true/yes) turns verification off; "0", "" or unset leave it on. */
export function parseEnvFlag(value: string | undefined, source: string): boolean {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '' || v === '0' || v === 'false' || v === 'no') return false;
  if (v === '1' || v === 'true' || v === 'yes') return true;
  throw new UsageError(`${source}="${value}" is not understood: set it to 1, or unset it`);
}
