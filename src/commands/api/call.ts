// api get|post|put|delete PATH [-d key=value]…: raw calls for everything pvectl has no verb for.
// The answer's `data` is printed as JSON (indented, like -o json, on a terminal or not) or as
// YAML with -o yaml. Under --dry-run a write is only described (by the client) and nothing is printed.
import type { Context } from '../../context.js';
import { checkApiPath } from '../../api/path.js';
import { UsageError } from '../../errors.js';
import { renderJson } from '../../output/json.js';
import { callRaw } from '../../api/raw.js';

export interface ApiOptions {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  data: string[];
}

export async function run(ctx: Context, opts: ApiOptions): Promise<void> {
  const { path, params } = parseCall(opts.path, opts.data);
  const client = await ctx.client(await ctx.region());
  const method = opts.method.toUpperCase() as 'GET' | 'POST' | 'PUT' | 'DELETE';
  const data = await callRaw(client, method, path, params);
  if (method !== 'GET' && client.dryRun) return;
  if (ctx.globals.output === 'yaml') {
    const { renderYaml } = await import('../../output/yaml.js');
    ctx.io.stdout.write(await renderYaml(data));
  } else {
    ctx.io.stdout.write(renderJson(data));
  }
}

/** Checks the path and the -d pairs before anything is sent; a "?a=b" query joins the -d pairs. */
export function parseCall(rawPath: string, data: string[]): { path: string; params: Record<string, string> } {
  let path = rawPath.trim();
  if (path.startsWith('/api2/json/') || path === '/api2/json') path = path.slice('/api2/json'.length) || '/';
  if (!path.startsWith('/')) {
    throw new UsageError(
      `"${rawPath}" is not an API path: it must start with "/", e.g. /cluster/resources or /nodes/pve1/status`,
    );
  }
  const params: Record<string, string> = {};
  const pairs = [...data];
  const q = path.indexOf('?');
  if (q >= 0) {
    pairs.unshift(...[...new URLSearchParams(path.slice(q + 1))].map(([k, v]) => `${k}=${v}`));
    path = path.slice(0, q);
  }
  if (path.includes('#')) throw new UsageError(`"${rawPath}": an API path has no "#" part`);
  checkApiPath(path); // "/../../_sim" would leave /api2/json with the token: refused before any I/O
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`-d "${pair}": expected key=value, e.g. -d type=vm`);
    const key = pair.slice(0, eq);
    if (Object.hasOwn(params, key)) {
      throw new UsageError(`-d ${key} is given twice; Proxmox list parameters take one value, e.g. -d "${key}=a,b"`);
    }
    params[key] = pair.slice(eq + 1);
  }
  return { path, params };
}
