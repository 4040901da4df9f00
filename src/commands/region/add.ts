// region add NAME --url URL --token-id ID [--token-secret-stdin] [trust] [defaults…] [--use]
// Validates everything first, settles TLS trust, reads the secret (stdin or a hidden prompt,
// never argv), checks the token with GET /version unless --no-verify, and only then saves.
// --dry-run does all of that but the token check and prints what it would save (secret masked).
import type { Context } from '../../context.js';
import { PvectlError, TlsError, UsageError } from '../../errors.js';
import { compactEntry, openStore, type ConfigData, type RegionStore } from '../../config/store.js';
import type { Region } from '../../config/types.js';
import { checkTokenCharacters } from '../../config/values.js';
import { parseAddOptions, type AddOptions } from './add-options.js';
import { decideTrust } from './add-trust.js';
import { MASK, trustKind } from './view.js';
import { getVersion } from '../../api/cluster.js';
import { str } from '../../lib/values.js';

export type { AddOptions };

export async function run(ctx: Context, opts: AddOptions): Promise<void> {
  const spec = parseAddOptions(opts, ctx.globals);
  const store = await openStore(ctx.env, { warn: (m) => ctx.warn(m) });
  // checked now to fail before any prompt or probe, and again under the lock when saving
  refuseExisting(store, spec.name);

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
  if (ctx.globals.dryRun) {
    const names = store.list().map((r) => [r.name, r]);
    const makeCurrent = shouldBecomeCurrent(opts, {
      currentRegion: store.current(),
      regions: Object.fromEntries(names),
    });
    // everything above ran (checks, TLS probe, the secret read); the token is not sent
    const shown = JSON.stringify({ ...entry, tokenSecret: MASK });
    ctx.io.stdout.write(`would save region "${spec.name}" to ${store.path}: ${shown}\n`);
    if (makeCurrent) ctx.io.stdout.write(`would make "${spec.name}" the current region\n`);
    return;
  }
  if (opts.verify !== false) await verify(ctx, region);

  // one locked read-modify-write: a parallel `region add` neither loses this region nor its own
  const makeCurrent = store.update((data) => {
    refuseExisting(store, spec.name, data.regions?.[spec.name]?.url);
    const current = shouldBecomeCurrent(opts, data);
    data.regions = { ...data.regions, [spec.name]: compactEntry(entry) };
    if (current) data.currentRegion = spec.name;
    return current;
  });
  ctx.info(
    `Region "${spec.name}" added (TLS: ${trustKind(region)})${makeCurrent ? ' and is now the current region' : ''}.`,
  );
}

function refuseExisting(store: RegionStore, name: string, url = store.get(name)?.url): void {
  if (url === undefined) return;
  throw new UsageError(`Region "${name}" already exists (${url}).`, {
    hint: `Remove it first with 'pvectl region remove ${name}', or choose another name.`,
  });
}

/** --use, or no current region to keep (none yet, or it names a removed one). */
function shouldBecomeCurrent(opts: AddOptions, data: ConfigData): boolean {
  const current = data.currentRegion;
  return opts.use === true || !current || !Object.hasOwn(data.regions ?? {}, current);
}

export async function readSecret(
  ctx: Context,
  opts: Pick<AddOptions, 'tokenSecretStdin'>,
  tokenId: string,
): Promise<string> {
  let secret: string;
  const fromStdin = opts.tokenSecretStdin && !ctx.io.stdinTTY;
  if (fromStdin) {
    const lines = (await ctx.readStdin()).split(/\r?\n/).filter((l) => l.trim() !== '');
    if (lines.length > 1) throw new UsageError('--token-secret-stdin: expected the secret on one line, got several');
    secret = (lines[0] ?? '').trim();
  } else if (ctx.io.stdinTTY) {
    // also with --token-secret-stdin on a terminal: a hidden prompt beats echoing it
    secret = (await ctx.prompt.secret(`Token secret for ${tokenId}: `)).trim();
  } else {
    throw new UsageError('No token secret: stdin is not a terminal, so pvectl cannot prompt for it.', {
      hint:
        'Pipe it in with --token-secret-stdin (e.g. `pvectl region add … --token-secret-stdin < secret.txt`); ' +
        'it is never taken from the command line.',
    });
  }
  if (secret === '') throw new UsageError('The token secret is empty.');
  if (/\s/.test(secret))
    throw new UsageError(
      'The token secret contains whitespace; Proxmox VE token secrets do not (the value is not shown).',
    );
  checkTokenCharacters(undefined, secret, fromStdin ? '--token-secret-stdin' : 'the secret typed');
  return secret;
}

export async function verify(ctx: Context, region: Region): Promise<void> {
  try {
    const client = await ctx.client(region);
    const version = await getVersion(client);
    ctx.info(
      `Connected to Proxmox VE ${str(version.version) ?? '(unknown version)'} at ${region.url} as ${region.tokenId}.`,
    );
  } catch (err) {
    if (err instanceof TlsError && err.fingerprint) {
      // the transport's hint re-pins a saved region (region remove && region add): this one is not saved
      err.hint = tlsHint(region, err.fingerprint);
    } else if (err instanceof PvectlError) {
      err.hint = [
        err.hint,
        `Region "${region.name}" was not saved. Fix the problem and run the command again, ` +
          'or add --no-verify to save it unchecked.',
      ]
        .filter(Boolean)
        .join('\n');
    }
    throw err;
  }
}

function tlsHint(region: Region, fingerprint: string): string {
  return [
    `Region "${region.name}" was not saved.`,
    "If this is your cluster's certificate (compare with `pvenode cert info` on the node), add the region " +
      'with that pin (plus any other options you gave):',
    `  pvectl region add ${region.name} --url ${region.url} --token-id '${region.tokenId}' ` +
      `--fingerprint ${fingerprint} --token-secret-stdin`,
    'or trust its CA with --ca-file FILE (/etc/pve/pve-root-ca.pem on a node).',
  ].join('\n');
}
