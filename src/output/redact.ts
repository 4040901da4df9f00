// No secret is printed, whatever text it arrives in: a server that echoes the Authorization
// header into its error message, a task log, a description. Every client remembers its token
// secret here, and every printer and the error printer pass their text through redact().
// Process-wide on purpose: the error printer runs after the Context that made the client is gone.
const secrets = new Set<string>();

// Shorter "secrets" would mask ordinary words; Proxmox token secrets are UUIDs (36 characters).
const MIN_LENGTH = 6;
export const REDACTED = '***';

export function rememberSecret(secret: string | undefined): void {
  if (!secret || secret.length < MIN_LENGTH) return;
  secrets.add(secret);
  // the same secret as a header value may come back URL-encoded
  const encoded = encodeURIComponent(secret);
  if (encoded !== secret) secrets.add(encoded);
}

export function redact(text: string): string {
  if (secrets.size === 0) return text;
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}
