// What resize and set print: one line per changed option, "(pending reboot)" for what waits for a
// reboot (…/pending says which, QUIRKS C9), and afterwards the command that applies it.
import type { Context } from '../../context.js';
import { kindLabel, type Guest } from '../../api/guests.js';
import { getPending } from '../../api/guest-config.js';
import { renderYaml } from '../../output/yaml.js';
import { safeLine } from '../../output/safe-text.js';

export interface Change {
  key: string;
  from: string;
  to: string;
  pending: boolean;
  /** --no-wait: the resize task still running */
  upid?: string;
}

export async function markPending(ctx: Context, g: Guest, changes: Change[]): Promise<void> {
  const client = await ctx.client(await ctx.region());
  const pending = await getPending(client, g);
  const waiting = new Set(
    pending.filter((e) => e.pending !== undefined || e.delete !== undefined).map((e) => String(e.key)),
  );
  for (const c of changes) if (waiting.has(c.key)) c.pending = true;
}

/** After the result lines: what waits for a reboot, and the command that applies it. */
export function notePending(ctx: Context, g: Guest, changes: Change[]): void {
  const noun = g.type === 'qemu' ? 'vm' : 'ct';
  for (const c of changes.filter((x) => x.pending)) {
    ctx.info(
      safeLine(
        `${c.key} ${c.to} is pending: reboot the ${kindLabel(g.type)} to apply it ` +
          `(pvectl ${noun} reboot ${g.name || g.vmid})`,
      ),
    );
  }
}

export async function printChanges(ctx: Context, g: Guest, changes: Change[]): Promise<void> {
  const value = { vmid: g.vmid, name: g.name, node: g.node, changes };
  if (ctx.globals.output === 'json') return void ctx.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  if (ctx.globals.output === 'yaml') return void ctx.io.stdout.write(await renderYaml(value));
  if (ctx.globals.output === 'id') return void ctx.io.stdout.write(`${g.vmid}\n`);
  // a description or a name from the cluster is data: its control characters are shown escaped
  for (const c of changes)
    ctx.io.stdout.write(
      safeLine(
        `${g.vmid} ${g.name || '-'} ${c.key} ${c.from} -> ${c.to}` +
          `${c.pending ? ' (pending reboot)' : ''}${c.upid ? ` (task ${c.upid})` : ''}`,
      ) + '\n',
    );
}
