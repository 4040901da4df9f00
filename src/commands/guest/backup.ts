// backup: one vzdump task per guest on the guest's node, waited on; one result line per guest with
// the volume written (exit 7 when some failed). The storage defaults to the node's first storage
// with `backup` content, so the volume can be named afterwards.
import type { Context } from '../../context.js';
import type { PveClient } from '../../api/client.js';
import type { Guest, GuestKind } from '../../api/guests.js';
import { startVzdump } from '../../api/backups.js';
import { nodeStorages } from '../../api/storage.js';
import { listContent } from '../../api/storage.js';
import { InterruptedError, PvectlError } from '../../errors.js';
import { runPool } from '../../lib/pool.js';
import { num, str } from '../../lib/values.js';
import { formatBytes } from '../../output/humanize.js';
import { progress } from '../../output/progress.js';
import { BulkReporter, plural, resultOf, shortError, verdict, type Outcome, settledOutcomes } from './bulk.js';
import { deadlineOf } from './single-task.js';
import { waitTask } from './guest-wait.js';
import { resolveTargets, type SelectorOptions } from './targets.js';

export type BackupMode = 'snapshot' | 'suspend' | 'stop';
export type BackupCompress = 'zstd' | 'lzo' | 'gzip' | 'none';

export interface BackupOptions extends SelectorOptions {
  kind: GuestKind;
  storage?: string;
  mode?: BackupMode;
  compress?: BackupCompress;
  notes?: string;
  protected: boolean;
}

async function backupStorage(client: PveClient, g: Guest, wanted?: string): Promise<string> {
  if (wanted) return wanted;
  const s = (await nodeStorages(client, g.node)).find((x) => x.content.includes('backup') && x.active && x.enabled);
  if (!s) throw new PvectlError(`node ${g.node} has no storage for backups; name one with --storage`);
  return s.storage;
}

/** The newest backup of `g` on `storage`: the one this run wrote. */
async function newestBackup(client: PveClient, g: Guest, storage: string) {
  const vols = await listContent(client, g.node, storage, { content: 'backup', vmid: g.vmid });
  const v = vols.sort((a, b) => (num(b.ctime) ?? 0) - (num(a.ctime) ?? 0))[0];
  return { volid: str(v?.volid) ?? null, size: num(v?.size) ?? null };
}

export async function run(ctx: Context, opts: BackupOptions): Promise<void> {
  const client = await ctx.client(await ctx.region());
  const guests = await resolveTargets(ctx, client, opts.kind, opts);
  const p = progress(ctx);
  const reporter = new BulkReporter(ctx, p, guests.length);
  if (guests.length === 0) {
    ctx.info(`no ${plural(opts.kind, 2)} match`);
    return reporter.finish([]);
  }
  const deadline = deadlineOf(ctx);
  const waiting = ctx.globals.wait && !ctx.globals.dryRun;
  if (waiting) {
    const one = guests.length === 1 ? guests[0]! : undefined;
    p.step(one ? `Backing up ${one.vmid} ${one.name}` : `Backing up ${guests.length} ${plural(opts.kind, 2)}`);
  }
  const onLog = guests.length === 1 && ctx.io.stderrTTY && !ctx.globals.quiet ? (l: string) => p.log(l) : undefined;
  let finished = 0;

  const one = async (g: Guest): Promise<Outcome> => {
    let upid: string | null = null;
    try {
      const storage = await backupStorage(client, g, opts.storage);
      upid = await startVzdump(client, g.node, {
        vmid: g.vmid,
        storage,
        mode: opts.mode,
        compress: opts.compress === 'none' ? '0' : opts.compress,
        'notes-template': opts.notes,
        protected: opts.protected ? 1 : undefined,
      });
      if (!upid) return { guest: g, result: resultOf(g, 'backup', true, 'not sent (dry run)', null) };
      if (!ctx.globals.wait) return { guest: g, result: resultOf(g, 'backup', true, upid, upid) };
      await waitTask(ctx, client, upid, deadline, onLog);
      const made = await newestBackup(client, g, storage);
      const size = made.size === null ? '' : ` (${formatBytes(made.size)})`;
      const r = resultOf(g, 'backup', true, `backed up to ${made.volid ?? storage}${size}`, upid);
      return { guest: g, result: Object.assign(r, made) };
    } catch (err) {
      return { guest: g, result: resultOf(g, 'backup', false, 'failed', upid, shortError(err)), err };
    }
  };

  const settled = await runPool(
    guests,
    4,
    async (g) => {
      const o = await one(g);
      if (!(o.err instanceof InterruptedError) && !ctx.globals.dryRun) {
        reporter.report(o.result);
        p.update(`${++finished}/${guests.length}`);
      }
      return o;
    },
    ctx.signal,
  );
  const outcomes = settledOutcomes(settled, guests, 'backup');
  if (!ctx.globals.dryRun) await reporter.finish(outcomes.map((o) => o.result));
  verdict(outcomes, opts.kind, 'to back up', ctx.signal);
}
