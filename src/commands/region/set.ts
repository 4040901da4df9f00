// region set NAME [the flags of region add]: changes the fields named, keeps the rest. A new pin
// replacing an old one (--fingerprint, or --repin which probes the server) shows both fingerprints
// and asks; --yes accepts a fingerprint typed on the command line, never a probed one unseen.
// --dry-run prints the changes and saves nothing.
import type { Context } from '../../context.js';
import { NotFoundError, TlsError, UsageError } from '../../errors.js';
import { compactEntry, knownRegionsHint, openStore, type RegionEntry } from '../../config/store.js';
import { probeCertificate } from '../../api/tls.js';
import { readSecret, verify } from './add.js';
import { applyChanges, changeLines, planSet, type SetOptions } from './set-changes.js';

export type { SetOptions };

export async function run(ctx: Context, opts: SetOptions & { name: string }): Promise<void> {
  const store = await openStore(ctx.env, { warn: (m) => ctx.warn(m) });
  const region = store.get(opts.name);
  if (!region) {
    throw new NotFoundError(`Region "${opts.name}" is not configured.`, {
      hint: knownRegionsHint(store.list().map((r) => r.name)),
    });
  }
  const { entry, trust } = planSet(region, opts, ctx.globals);
  const { name: _name, ...before } = region;
  if (opts.repin) {
    const cert = await probeCertificate(entry.url, { timeoutMs: 10_000 });
    await repin(ctx, opts.name, before, entry, cert.fingerprint, false);
  } else if (trust && 'fingerprint' in trust) {
    await repin(ctx, opts.name, before, entry, trust.fingerprint, true);
  } else if (trust && 'caFile' in trust) {
    setTrust(entry, { caFile: trust.caFile });
  } else if (trust) {
    ctx.warn(`region "${opts.name}" is set to skip TLS verification (--insecure); prefer --fingerprint or --ca-file.`);
    setTrust(entry, { insecure: true });
  }
  if (opts.tokenSecretStdin) entry.tokenSecret = await readSecret(ctx, opts, entry.tokenId);

  const lines = changeLines(before, entry);
  if (ctx.globals.dryRun) {
    const head = lines.length ? `would change region "${opts.name}" in ${store.path}:` : 'nothing would change';
    ctx.io.stdout.write([head, ...lines.map((l) => `  ${l}`)].join('\n') + '\n');
    return;
  }
  if (lines.length === 0) return ctx.info(`Region "${opts.name}" already has these settings; nothing changed.`);
  // a new URL, token or trust is tried (GET /version) before it replaces one that worked
  const connection = ['url', 'tokenId', 'tokenSecret', 'fingerprint', 'caFile', 'insecure'] as const;
  if (opts.verify !== false && connection.some((k) => before[k] !== entry[k])) {
    await verify(ctx, { name: opts.name, ...entry, defaults: entry.defaults ?? {} });
  }
  // under the lock, onto the entry as it is now: a field another process changed meanwhile stays
  store.update((data) => {
    const now = data.regions?.[opts.name];
    if (!now) throw new NotFoundError(`Region "${opts.name}" was removed meanwhile; nothing was saved.`);
    data.regions![opts.name] = compactEntry(applyChanges(now, before, entry));
  });
  ctx.info([`Region "${opts.name}" changed:`, ...lines.map((l) => `  ${l}`)].join('\n'));
}

function setTrust(entry: RegionEntry, trust: { fingerprint?: string; caFile?: string; insecure?: true }): void {
  delete entry.fingerprint;
  delete entry.caFile;
  delete entry.insecure;
  Object.assign(entry, trust);
}

/** A new pin: shown next to the old one; asked on a terminal, else only a typed one with --yes. */
async function repin(
  ctx: Context,
  name: string,
  before: RegionEntry,
  entry: RegionEntry,
  fingerprint: string,
  typed: boolean,
): Promise<void> {
  if (before.fingerprint === fingerprint) return setTrust(entry, { fingerprint });
  // straight to stderr, not ctx.info: -q must not hide what the user is asked to judge
  ctx.io.stderr.write(
    [
      `Region "${name}" (${entry.url}) is to trust a new certificate:`,
      `  old: ${before.fingerprint ?? trustedBy(before)}`,
      `  new: ${fingerprint}`,
      "Compare the new fingerprint with the node's own (`pvenode cert info` on the node) before you trust it.",
      '',
    ].join('\n'),
  );
  if (!ctx.globals.dryRun) {
    if (ctx.io.stdinTTY && !(typed && ctx.globals.yes)) {
      if (!(await ctx.prompt.confirm(`Pin the new certificate for region "${name}"?`))) {
        throw new TlsError(`Region "${name}" was not changed: the new certificate was not trusted.`, fingerprint);
      }
    } else if (!(typed && ctx.globals.yes)) {
      throw new UsageError(
        `Region "${name}" was not changed: pinning a new certificate needs a yes, and there is no terminal to ask.`,
        {
          hint: typed
            ? 'Add --yes to pin the fingerprint you passed.'
            : `Compare it with \`pvenode cert info\` on the node, then pass --fingerprint ${fingerprint} --yes.`,
        },
      );
    }
  }
  setTrust(entry, { fingerprint });
}

function trustedBy(entry: RegionEntry): string {
  if (entry.caFile) return `CA file ${entry.caFile}`;
  return entry.insecure ? 'not verified (insecure)' : "the system's CAs";
}
