// How `region add` comes to trust a server. An explicit option decides; without one the
// certificate is probed (a TLS handshake, not a byte of HTTP): a publicly trusted one needs no
// pin, anything else is shown and pinned only if the user says yes on a terminal.
import { probeCertificate, type PeerCertificateInfo } from '../../api/tls.js';
import type { Context } from '../../context.js';
import { TlsError, UsageError } from '../../errors.js';
import type { TrustChoice } from './add-options.js';

export type Trust = { fingerprint?: string; caFile?: string; insecure?: true };

const PROBE_TIMEOUT_MS = 10_000;

export async function decideTrust(ctx: Context, name: string, url: string, choice: TrustChoice): Promise<Trust> {
  if (choice && 'insecure' in choice) {
    ctx.warn(
      `region "${name}" is saved without TLS verification (--insecure): anyone on the network path can read ` +
        'and change its traffic, token included. Prefer --fingerprint or --ca-file.',
    );
    return { insecure: true };
  }
  if (choice) return choice;

  const cert = await probeCertificate(url, { timeoutMs: PROBE_TIMEOUT_MS });
  if (cert.authorized) {
    ctx.info(`The certificate of ${url} is trusted by the system's CAs; no pin is needed.`);
    return {};
  }
  if (!ctx.io.stdinTTY) {
    throw new UsageError(
      `The TLS certificate of ${url} is not trusted by this system (${cert.authorizationError ?? 'untrusted'}), ` +
        'and without a terminal pvectl cannot ask whether to trust it. Nothing was saved.',
      { hint: trustOptionsHint(cert.fingerprint) },
    );
  }
  showCertificate(ctx, url, cert);
  const yes = await ctx.prompt.confirm(`Trust this certificate and pin it for region "${name}"?`);
  if (!yes) {
    throw new TlsError(`Region "${name}" was not added: its certificate was not trusted.`, cert.fingerprint, {
      hint: trustOptionsHint(cert.fingerprint),
    });
  }
  return { fingerprint: cert.fingerprint };
}

function showCertificate(ctx: Context, url: string, cert: PeerCertificateInfo): void {
  // straight to stderr, not ctx.info: -q must not hide what the user is asked to judge
  ctx.io.stderr.write(
    [
      `The TLS certificate of ${url} is not trusted by this system (${cert.authorizationError ?? 'untrusted'}).`,
      `  Subject:  ${cert.subject || '(none)'}`,
      `  Issuer:   ${cert.issuer || '(none)'}`,
      `  Expires:  ${cert.validTo || '(unknown)'}`,
      `  SHA-256:  ${cert.fingerprint}`,
      "Compare the fingerprint with the node's own (`pvenode cert info` on the node, or",
      'Datacenter > node > System > Certificates in the web UI) before you trust it.',
      '',
    ].join('\n'),
  );
}

function trustOptionsHint(fingerprint: string): string {
  return [
    'Pass one of:',
    `  --fingerprint ${fingerprint}   (after comparing it with \`pvenode cert info\` on the node)`,
    '  --ca-file FILE   (the cluster CA: /etc/pve/pve-root-ca.pem on any node)',
    '  --insecure       (no verification; not protected against interception)',
    '--yes does not accept an unknown certificate.',
  ].join('\n');
}
