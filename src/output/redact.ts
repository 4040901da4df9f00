// No secret is printed, whatever text it arrives in: a server that echoes the Authorization
// header into its error message, a task log, a description. Every client remembers its token
// secret here, and every printer and the error printer pass their text through redact().
// Process-wide on purpose: the error printer runs after the Context that made the client is gone.
// An array, not a Set: redact() runs once per table cell, and a Set's for-of makes an iterator each time.
const secrets: string[] = [];

// Shorter "secrets" would mask ordinary words; Proxmox token secrets are UUIDs (36 characters).
const MIN_LENGTH = 6;
export const REDACTED = '***';

const remember = (secret: string) => void (secrets.includes(secret) || secrets.push(secret));

export function rememberSecret(secret: string | undefined): void {
  if (!secret || secret.length < MIN_LENGTH) return;
  remember(secret);
  // the same secret as a header value may come back URL-encoded
  remember(encodeURIComponent(secret));
}

export function redact(text: string): string {
  let out = text;
  for (let i = 0; i < secrets.length; i++) {
    const secret = secrets[i]!;
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}
