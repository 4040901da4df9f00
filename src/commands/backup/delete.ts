// backup delete: removes backups after a confirmation; a protected one is refused with the reason
// (pve-storage would fail its imgdel task: "cannot remove protected volume"). One line per backup;
// exit 7 when some failed.
import type { Context } from '../../context.js';
import { deleteVolume } from '../../api/storage.js';
import { waitForTask } from '../../api/tasks.js';
import { NotFoundError, PartialFailureError, PvectlError, UsageError } from '../../errors.js';
import { renderJson } from '../../output/json.js';
import { progress } from '../../output/progress.js';
import { safeLine } from '../../output/safe-text.js';
import { shortError } from '../guest/bulk.js';
import { remaining } from '../guest/guest-wait.js';
import { deadlineOf } from '../guest/single-task.js';
import { confirm } from '../guest/snapshots.js';
import { listBackups, type BackupRow } from './backups.js';

export interface BackupDeleteOptions {
  backups: string[];
}

interface Result {
  volid: string;
  ok: boolean;
  result: string;
  error: string | null;
}

export async function run(ctx: Context, opts: BackupDeleteOptions): Promise<void> {
  if (!ctx.globals.yes && !ctx.globals.dryRun && !ctx.io.stdinTTY) {
    throw new UsageError(
      'backup delete needs confirmation: pass --yes (-y) when stdin is not a terminal; nothing was deleted',
    );
  }
  const client = await ctx.client(await ctx.region());
  const all = await listBackups(ctx, client);
  const picked = opts.backups.map((v) => {
    const b = all.find((x) => x.volid === v);
    if (!b) throw new NotFoundError(`no backup "${v}"`, { hint: 'List them with: pvectl backup list' });
    return b;
  });
  const doomed = picked.filter((b) => !b.protected);
  if (doomed.length) {
    const list = doomed.map((b) => `  ${b.volid}${b.vmid !== null ? ` (${b.type ?? 'guest'} ${b.vmid})` : ''}`);
    await confirm(
      ctx,
      `This deletes ${doomed.length === 1 ? 'this backup' : 'these backups'}:\n${list.join('\n')}\nDelete?`,
    );
  }
  const p = progress(ctx);
  const deadline = deadlineOf(ctx);
  const results: Result[] = [];
  const errors: unknown[] = [];
  for (const b of picked) {
    const r = await deleteOne(ctx, b, deadline).catch((err: unknown) => {
      errors.push(err);
      return { volid: b.volid, ok: false, result: 'failed', error: shortError(err) };
    });
    if (ctx.globals.dryRun) continue;
    results.push(r);
    if (!['json', 'yaml'].includes(ctx.globals.output)) {
      p.out(`${safeLine(`${r.volid} ${r.ok ? r.result : `FAILED: ${r.error}`}`)}\n`);
    }
  }
  p.stop();
  if (ctx.globals.output === 'json') ctx.io.stdout.write(renderJson(results));
  if (ctx.globals.output === 'yaml')
    ctx.io.stdout.write(await (await import('../../output/yaml.js')).renderYaml(results));
  const failed = results.filter((r) => !r.ok);
  if (!failed.length) return;
  if (picked.length === 1) throw errors[0];
  throw new PartialFailureError(`${failed.length} of ${picked.length} backups were not deleted`);

  async function deleteOne(c: Context, b: BackupRow, end: number | undefined): Promise<Result> {
    if (b.protected) {
      throw new PvectlError(`${b.volid} is protected: Proxmox keeps it until its protection is removed`, {
        hint: `Remove the protection in the web UI (Backups → Change Protection), then delete it.`,
      });
    }
    const upid = await deleteVolume(client, b.node, b.storage, b.volid);
    if (!upid) return { volid: b.volid, ok: true, result: 'not sent (dry run)', error: null };
    if (!c.globals.wait) return { volid: b.volid, ok: true, result: upid, error: null };
    await waitForTask(client, upid, { clock: c.clock, signal: c.signal, timeoutMs: remaining(c, end) });
    return { volid: b.volid, ok: true, result: 'deleted', error: null };
  }
}
