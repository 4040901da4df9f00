// region test [NAME]: a table of checks (reachable, TLS, token, version, quorum, privileges),
// each ok / warn / FAIL / skip with the fix. Exit 4 when the token is refused, 5 for TLS, 1 for
// any other failed check.
import type { Context } from '../../context.js';
import { AuthError, PvectlError, TlsError } from '../../errors.js';
import { resolveRegion } from '../../config/resolve.js';
import type { Region } from '../../config/types.js';
import { printList } from '../../output/print.js';
import type { ListView } from '../../output/types.js';
import { connectionChecks, quorumCheck, tokenChecks, type Check } from './checks.js';
import { privilegeChecks, privsepNote } from './privileges.js';
import { getPermissions } from '../../api/cluster.js';

export interface TestOptions {
  name?: string;
}

export async function run(ctx: Context, opts: TestOptions): Promise<void> {
  const region =
    opts.name !== undefined
      ? await resolveRegion({
          flag: opts.name,
          env: ctx.env,
          overrides: {
            fingerprint: ctx.globals.fingerprint,
            caFile: ctx.globals.caFile,
            insecure: ctx.globals.insecure,
          },
          warn: (m) => ctx.warn(m),
        })
      : await ctx.region();

  const checks = await connectionChecks(region, ctx.clock);
  // Nothing is sent to a server that failed the TLS check: the token would go with it.
  if (!checks.some((c) => c.status === 'FAIL')) {
    const client = await ctx.client(region);
    // a configured region never takes PVECTL_TOKEN, so only the environment region's comes from there
    const fromEnv = region.name === 'env' && Boolean(ctx.env.PVECTL_TOKEN?.trim());
    const token = await tokenChecks(client, region, fromEnv);
    checks.push(...token.checks);
    if (token.ok) {
      checks.push(await quorumCheck(client));
      checks.push(...(await permissionChecks(client, region)));
    }
  }

  await printList(ctx, checksView(region, checks));
  reportWarnings(ctx, checks, region);
  const failed = checks.filter((c) => c.status === 'FAIL');
  if (failed.length > 0) throw failure(region, checks, failed);
}

async function permissionChecks(client: Awaited<ReturnType<Context['client']>>, region: Region): Promise<Check[]> {
  try {
    const perms = await getPermissions(client);
    return privilegeChecks(perms, region.tokenId);
  } catch (err) {
    return [
      {
        check: 'privileges',
        status: 'warn',
        detail: `cannot read them: ${err instanceof Error ? err.message : String(err)}`,
      },
    ];
  }
}

function checksView(region: Region, checks: Check[]): ListView<Check & { region: string }> {
  return {
    rows: checks.map((c) => ({ ...c, region: region.name })),
    columns: [
      { id: 'check', header: 'CHECK', value: (r) => r.check },
      { id: 'status', header: 'STATUS', value: (r) => r.status, kind: 'status' },
      { id: 'detail', header: 'DETAIL', value: (r) => r.detail },
      { id: 'fix', header: 'FIX', value: (r) => r.fix ?? '', wide: true },
    ],
    id: (r) => r.check,
    json: (r) => ({ region: r.region, check: r.check, status: r.status, detail: r.detail, fix: r.fix ?? null }),
  };
}

function reportWarnings(ctx: Context, checks: Check[], region: Region): void {
  const fixes = checks.filter((c) => c.status === 'warn' && c.fix).map((c) => `  ${c.check}: ${c.fix}`);
  if (fixes.length > 0 && !checks.some((c) => c.status === 'FAIL')) {
    ctx.info([`Region "${region.name}" works, with warnings. To fix them:`, ...fixes].join('\n'));
  }
}

function failure(region: Region, checks: Check[], failed: Check[]): PvectlError {
  const message =
    `Region "${region.name}": ${failed.length} of ${checks.length} checks failed ` +
    `(${failed.map((c) => c.check).join(', ')}).`;
  const fixes = [...new Set(checks.filter((c) => c.fix && c.status !== 'ok').map((c) => c.fix!))];
  if (failed.some((c) => c.check.startsWith('privilege'))) fixes.push(privsepNote(region.tokenId));
  const hint = fixes.length > 0 ? `To fix:\n${fixes.map((f) => `  ${f}`).join('\n')}` : undefined;
  const opts = hint ? { hint } : {};
  if (failed.some((c) => c.kind === 'auth')) return new AuthError(message, opts);
  const tls = failed.find((c) => c.kind === 'tls');
  if (tls) return new TlsError(message, tls.fingerprint, opts);
  return new PvectlError(message, opts);
}
