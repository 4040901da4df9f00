// `pvesim`: serve a simulated Proxmox VE cluster over HTTPS until SIGINT/SIGTERM. Its only stdout
// is one JSON line {"url","fingerprint","token"} once ready, so scripts can read it; hints go to
// stderr.
import { realpathSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { publicKeyPinOf } from './cert.js';
import { findSchemaFile, loadSchema } from './schema/index.js';
import { SCHEMA_HOW_TO } from './schema/how-to-get.js';
import { startSimServer, type SimServer } from './server.js';
import type { SimToken } from './index.js';
import { isPrivilege } from './privileges.js';

interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

interface CliOptions {
  host: string;
  port: number;
  nodes: number;
  guests: number;
  taskMs: number;
  agentDelayMs?: number;
  token?: SimToken[];
  schema?: string | false;
  latencyMs: number;
  errorRate: number;
  seed?: number;
  caOut?: string;
  authFailDelayMs: number;
}

const integer =
  (min: number, max = Number.MAX_SAFE_INTEGER) =>
  (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
      throw new InvalidArgumentError(
        `expected an integer from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ' up'}.`,
      );
    }
    return n;
  };

const fraction = (value: string): number => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new InvalidArgumentError('expected a number from 0 to 1.');
  }
  return n;
};

// user@realm!name=secret[:PRIV,PRIV…]; repeatable. Without a list the token has every privilege.
const token = (value: string, previous: SimToken[] | undefined): SimToken[] => {
  const m = /^([^\s@!=:]+@[^\s@!=:]+![A-Za-z][\w.-]*)=([^\s:]+)(?::(.*))?$/.exec(value);
  if (!m) throw new InvalidArgumentError('expected user@realm!name=secret or user@realm!name=secret:PRIV,PRIV….');
  const [, id, secret, list] = m as unknown as [string, string, string, string | undefined];
  let privs: SimToken['privs'] = '*';
  if (list !== undefined) {
    if (list.trim() === '')
      throw new InvalidArgumentError("expected privileges after ':', e.g. :VM.Audit,VM.PowerMgmt (or no ':' for all).");
    privs = list.split(',').map((p) => p.trim());
    const bad = privs.filter((p) => !isPrivilege(p));
    if (bad.length > 0) {
      throw new InvalidArgumentError(
        `unknown privilege ${bad.map((p) => `'${p}'`).join(', ')} (Proxmox VE names such as ` +
          `VM.Audit,VM.PowerMgmt or a family VM.Config.*).`,
      );
    }
  }
  if (previous?.some((t) => t.id === id)) throw new InvalidArgumentError(`token ${id} is given twice.`);
  return [...(previous ?? []), { id, secret, privs }];
};

function program(io: Io): Command {
  return new Command('pvesim')
    .description('Serve a simulated Proxmox VE 9 cluster over HTTPS (for pvectl, curl and other API clients).')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on; 0 picks a free one', integer(0, 65535), 8006)
    .option('--nodes <n>', 'cluster nodes (pve1, pve2, …)', integer(1, 64), 3)
    .option('--guests <n>', 'extra generated guests spread over the nodes', integer(0, 1_000_000), 0)
    .option('--task-ms <ms>', 'how long a write task runs', integer(0), 300)
    .option(
      '--agent-delay-ms <ms>',
      'guest-agent IPs appear this long after start; the agent answers from half of it (default: --task-ms)',
      integer(0),
    )
    .option(
      '--token <user@realm!name=secret[:PRIV,…]>',
      'an API token to accept, repeatable; without privileges it has all; the first one is printed (default: ' +
        'root@pam!pvectl, secret derived from --seed)',
      token,
    )
    .option(
      '--schema <file>',
      'apidoc.json to check every request against (default: $PVESIM_SCHEMA or ../shared/pve-api/apidoc.json)',
    )
    .option('--no-schema', 'do not check requests against the API schema')
    .option('--latency-ms <ms>', 'delay added to every API answer', integer(0), 0)
    .option('--auth-fail-delay-ms <ms>', 'delay before a 401 answer (a real cluster waits about 3000)', integer(0), 0)
    .option('--error-rate <fraction>', 'fraction of API requests answered 502/503', fraction, 0)
    .option('--seed <n>', 'seed for generated state and fault draws (repeatable runs)', integer(0, 2 ** 32 - 1))
    .option('--ca-out <file>', "write the simulator's CA certificate (PEM) here, for curl --cacert and other clients")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(pvesim --help lists the options)');
}

export async function main(argv: string[]): Promise<number> {
  const code = await runPvesim(argv, process);
  process.exitCode = code;
  // After a stop, a pending fault delay or a client's half-open socket must not keep us up.
  setTimeout(() => process.exit(code), 500).unref();
  return code;
}

// Resolves with the exit code: at once for bad arguments, else after SIGINT/SIGTERM.
export async function runPvesim(argv: string[], io: Io): Promise<number> {
  let opts: CliOptions;
  try {
    opts = program(io).parse(argv, { from: 'user' }).opts<CliOptions>();
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
  const say = (line: string) => io.stderr.write(`${line}\n`);
  const schemaFile = opts.schema === false ? null : (opts.schema ?? findSchemaFile());
  let schema: ReturnType<typeof loadSchema> = null;
  try {
    schema = schemaFile ? loadSchema(schemaFile) : null;
  } catch (err) {
    say(`pvesim: --schema ${schemaFile}: ${(err as Error).message}`);
    return 2;
  }
  if (typeof opts.schema === 'string' && !schema) {
    say(`pvesim: --schema ${opts.schema}: no such file`);
    return 2;
  }

  // Listening from the start, so a signal during start-up still ends in a clean stop.
  let stop = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  process.once('SIGINT', stop).once('SIGTERM', stop);
  let server: SimServer;
  try {
    server = await startSimServer({
      host: opts.host,
      port: opts.port,
      nodes: opts.nodes,
      guests: opts.guests,
      taskMs: opts.taskMs,
      agentDelayMs: opts.agentDelayMs,
      schema,
      seed: opts.seed,
      authFailDelayMs: opts.authFailDelayMs,
      ...(opts.token ? { tokens: opts.token } : {}),
    });
  } catch (err) {
    process.off('SIGINT', stop).off('SIGTERM', stop);
    const e = err as NodeJS.ErrnoException;
    say(
      `pvesim: cannot serve on ${opts.host}:${opts.port}: ` +
        `${e.code === 'EADDRINUSE' ? 'the port is in use (try --port 0)' : e.message}`,
    );
    return 1;
  }
  server.sim.faults.latencyMs = opts.latencyMs;
  server.sim.faults.errorRate = opts.errorRate;
  try {
    if (opts.caOut) writeFileSync(opts.caOut, server.caPem);
  } catch (err) {
    say(`pvesim: --ca-out ${opts.caOut}: ${(err as Error).message}`);
    process.off('SIGINT', stop).off('SIGTERM', stop);
    await server.close();
    return 2;
  }

  io.stdout.write(`${JSON.stringify({ url: server.url, fingerprint: server.fingerprint, token: server.token })}\n`);
  say(
    schema
      ? `pvesim: requests are checked against ${schemaFile}`
      : `pvesim: requests are NOT checked against the API schema (${
          opts.schema === false ? '--no-schema' : 'apidoc.json not found; pass --schema FILE or set PVESIM_SCHEMA'
        })`,
  );
  if (!schema && opts.schema !== false) for (const line of SCHEMA_HOW_TO) say(`pvesim: ${line}`);
  say(hints(server, opts.caOut, opts.token?.slice(1) ?? []));

  await stopped;
  await server.close();
  return 0;
}

function hints(server: SimServer, caOut: string | undefined, others: SimToken[]): string {
  const auth = `-H 'Authorization: PVEAPIToken=${server.token}'`;
  const pin = publicKeyPinOf(server.certPem);
  const more =
    others.length === 0
      ? []
      : [
          'More API tokens:',
          ...others.map(
            (t) =>
              `  ${t.id}=${t.secret}  ` +
              `(${t.privs === '*' || t.privs === undefined ? 'all privileges' : t.privs.join(',')})`,
          ),
          '',
        ];
  return [
    `pvesim: simulated Proxmox VE cluster ready at ${server.url} (stop with Ctrl-C)`,
    '',
    'Use it with pvectl:',
    `  export PVECTL_URL=${server.url}`,
    `  export PVECTL_TOKEN='${server.token}'`,
    `  export PVECTL_FINGERPRINT=${server.fingerprint}`,
    '  pvectl vm list',
    '',
    ...more,
    caOut
      ? "curl, trusting the simulator's CA:"
      : "curl, trusting the simulator's CA (start pvesim with --ca-out ca.pem to write it):",
    `  curl --cacert ${caOut ?? 'ca.pem'} ${auth} ${server.url}/api2/json/version`,
    "curl, pinning the server's public key instead of trusting a CA:",
    `  curl -k --pinnedpubkey '${pin}' ${auth} ${server.url}/api2/json/version`,
    '',
    "Faults, nodes going offline and the request log: /_sim/ endpoints, see pvesim's README.md.",
  ].join('\n');
}

// `node dist/pvesim.js …` works like bin/pvesim.js (which imports this module and calls main).
if (isEntryModule()) void main(process.argv.slice(2));

function isEntryModule(): boolean {
  try {
    return process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}
