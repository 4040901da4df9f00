// Builds the client of one region: the node:https transport (or an injected fetch in tests),
// verbose logging to stderr and the --dry-run printer.
import type { Context } from '../context.js';
import type { Region } from '../config/types.js';
import { checkTokenCharacters } from '../config/values.js';
import { PveClient } from './client.js';
import { safeLine } from '../output/safe-text.js';
import type { FetchLike } from './transport.js';

export async function connect(
  ctx: Context,
  region: Region,
  injected?: FetchLike,
): Promise<{ client: PveClient; close: () => Promise<void> }> {
  // a token read back from config.json (hand-edited, or saved by an older pvectl) is checked here,
  // where it is about to be sent: PVECTL_TOKEN and `region add` check theirs as they read it
  checkTokenCharacters(region.tokenId, region.tokenSecret, `region "${region.name}"`, tokenHint(region.name));
  let fetch = injected;
  let close = async () => {};
  if (!fetch) {
    // imported here, not at start-up: --help and --version load no network code
    const { createTransport } = await import('./transport.js');
    const { maxAnswerBytes } = await import('./answer-size.js');
    const transport = createTransport(region, {
      connectTimeoutMs: region.connectTimeoutMs,
      maxAnswerBytes: maxAnswerBytes(ctx.env),
      warn: (msg) => ctx.warn(msg),
    });
    fetch = transport.fetch;
    close = transport.close;
  }
  const client = new PveClient({
    regionName: region.name,
    baseUrl: region.url,
    tokenId: region.tokenId,
    tokenSecret: region.tokenSecret,
    fetch,
    clock: ctx.clock,
    signal: ctx.signal,
    requestTimeoutMs: region.requestTimeoutMs,
    // a reason phrase or error text from the server is shown escaped, with secrets masked
    log: ctx.globals.verbose ? (line) => ctx.io.stderr.write(`[${region.name}] ${safeLine(line)}\n`) : undefined,
    dryRun: ctx.globals.dryRun
      ? ({ method, path, body }) => {
          const json = Object.keys(body).length ? ` ${JSON.stringify(body)}` : '';
          ctx.io.stdout.write(`${method} /api2/json${path}${json}\n`);
        }
      : undefined,
  });
  return { client, close };
}

function tokenHint(name: string): string | undefined {
  if (name === 'env') return undefined; // PVECTL_TOKEN: checked where it is parsed
  return (
    `Give the secret again with \`pvectl region set ${name} --token-secret-stdin\`, ` +
    'or fix the token in config.json.'
  );
}
