// region add NAME --url URL --token-id ID [--token-secret-stdin] [trust] [defaults…] [--use]
// Validates everything first, settles TLS trust, reads the secret (stdin or a hidden prompt,
// never argv), checks the token with GET /version unless --no-verify, and only then saves.
// --dry-run does all of that but the token check and prints what it would save (secret masked).
import type { Context } from '../../context.js';
import { PvectlError, UsageError } from '../../errors.js';
import { openStore } from '../../config/store.js';
import type { Region } from '../../config/types.js';
import { parseAddOptions, type AddOptions } from './add-options.js';
import { decideTrust } from './add-trust.js';
import { MASK, trustKind } from './view.js';
import { getVersion } from '../../api/cluster.js';
import { str } from '../../lib/values.js';

export type { AddOptions };

export async function run(ctx: Context, opts: AddOptions): Promise<void> {
  const spec = parseAddOptions(opts, ctx.globals);
  const store = await openStore(ctx.env);
  const existing = store.get(spec.name);
  if (existing) {
    throw new UsageError(`Region "${spec.name}" already exists (${existing.url}).`, {
      hint: `Remove it first with 'pvectl region remove ${spec.name}', or choose another name.`,
    });
  }

  const trust = await decideTrust(ctx, spec.name, spec.url, spec.trust);
  const tokenSecret = await readSecret(ctx, opts, spec.tokenId);
  const region: Region = {
    name: spec.name,
    url: spec.url,
    tokenId: spec.tokenId,
    tokenSecret,
    ...trust,
    defaults: {},
    ...spec.extras,
  };
  const { name: _name, ...entry } = region;
  const current = store.current();
  const makeCurrent = opts.use === true || !current || !store.get(current);
  if (ctx.globals.dryRun) {
    // everything above ran (checks, TLS probe, the secret read); the token is not sent
    const shown = JSON.stringify({ ...entry, tokenSecret: MASK });
    ctx.io.stdout.write(`would save region "${spec.name}" to ${store.path}: ${shown}\n`);
    if (makeCurrent) ctx.io.stdout.write(`would make "${spec.name}" the current region\n`);
    return;
  }
  if (opts.verify !== false) await verify(ctx, region);

  store.set(spec.name, entry);
  if (makeCurrent) store.use(spec.name);
  ctx.info(
    `Region "${spec.name}" added (TLS: ${trustKind(region)})${makeCurrent ? ' and is now the current region' : ''}.`,
  );
}

export async function readSecret(
  ctx: Context,
  opts: Pick<AddOptions, 'tokenSecretStdin'>,
  tokenId: string,
): Promise<string> {
  let secret: string;
  if (opts.tokenSecretStdin && !ctx.io.stdinTTY) {
    const lines = (await ctx.readStdin()).split(/\r?\n/).filter((l) => l.trim() !== '');
    if (lines.length > 1) throw new UsageError('--token-secret-stdin: expected the secret on one line, got several');
    secret = (lines[0] ?? '').trim();
  } else if (ctx.io.stdinTTY) {
    // also with --token-secret-stdin on a terminal: a hidden prompt beats echoing it
    secret = (await ctx.prompt.secret(`Token secret for ${tokenId}: `)).trim();
  } else {
    throw new UsageError('No token secret: stdin is not a terminal, so pvectl cannot prompt for it.', {
      hint: 'Pipe it in with --token-secret-stdin (e.g. `pvectl region add … --token-secret-stdin < secret.txt`); it is never taken from the command line.',
    });
  }
  if (secret === '') throw new UsageError('The token secret is empty.');
  if (/\s/.test(secret))
    throw new UsageError(
      'The token secret contains whitespace; Proxmox VE token secrets do not (the value is not shown).',
    );
  return secret;
}

async function verify(ctx: Context, region: Region): Promise<void> {
  try {
    const client = await ctx.client(region);
    const version = await getVersion(client);
    ctx.info(
      `Connected to Proxmox VE ${str(version.version) ?? '(unknown version)'} at ${region.url} as ${region.tokenId}.`,
    );
  } catch (err) {
    if (err instanceof PvectlError) {
      err.hint = [
        err.hint,
        `Region "${region.name}" was not saved. Fix the problem and run the command again, or add --no-verify to save it unchecked.`,
      ]
        .filter(Boolean)
        .join('\n');
    }
    throw err;
  }
}
