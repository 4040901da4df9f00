// resize: memory and cores through PUT …/config, a disk through PUT …/resize (grow only). Bad
// input (nothing asked, unknown disk, a shrink) fails before anything is sent; afterwards …/pending
// tells which change waits for a reboot (QUIRKS C9).
import type { Context } from '../../context.js';
import { kindLabel, type Guest, type GuestKind } from '../../api/guests.js';
import { UsageError } from '../../errors.js';
import { proxmoxSizeToBytes, toProxmoxSize } from '../../lib/sizes.js';
import { num, parsePropertyString } from '../../lib/values.js';
import { progress } from '../../output/progress.js';
import { safeMessage } from '../../output/safe-text.js';
import { waitTask } from './guest-wait.js';
import { resolveGuest } from './targets.js';
import { getConfig, putConfig, resizeDisk } from '../../api/guest-config.js';
import { markPending, notePending, printChanges, type Change } from './changes.js';

export interface ResizeOptions {
  kind: GuestKind;
  guest: string;
  memMiB?: number;
  cores?: number;
  disk?: { grow: boolean; bytes: number; param: string };
  diskName?: string;
}

const DISK_RE = /^(scsi|virtio|sata|ide)\d+$/;
const isDisk = (config: Record<string, unknown>, key: string) =>
  typeof config[key] === 'string' && !/(^|,)media=cdrom(,|$)/.test(config[key]) && !/cloudinit/.test(config[key]);

/** qemu: the first disk of `boot: order=…`, else scsi0/virtio0/sata0/ide0; lxc: rootfs. */
export function defaultDisk(kind: GuestKind, config: Record<string, unknown>): string | undefined {
  if (kind === 'lxc') return 'rootfs';
  const order = parsePropertyString(String(config.boot ?? ''), 'legacy').order ?? '';
  const booted = order.split(';').find((k) => DISK_RE.test(k) && isDisk(config, k));
  return booted ?? ['scsi0', 'virtio0', 'sata0', 'ide0'].find((k) => isDisk(config, k));
}

export function diskKeys(kind: GuestKind, config: Record<string, unknown>): string[] {
  const re = kind === 'qemu' ? /^((scsi|virtio|sata|ide)\d+|efidisk0|tpmstate0)$/ : /^(rootfs|mp\d+)$/;
  return Object.keys(config)
    .filter((k) => re.test(k) && (kind === 'lxc' || isDisk(config, k) || !DISK_RE.test(k)))
    .sort();
}

export async function run(ctx: Context, opts: ResizeOptions): Promise<void> {
  if (opts.memMiB === undefined && opts.cores === undefined && !opts.disk) {
    throw new UsageError('say what to change: --mem SIZE, --cores N and/or --disk +SIZE|SIZE');
  }
  const client = await ctx.client(await ctx.region());
  const g = await resolveGuest(client, opts.kind, opts.guest);
  const config = await getConfig(client, g);
  const changes: Change[] = [];
  const set: Record<string, number> = {};

  const mem = num(parsePropertyString(String(config.memory ?? '512'), 'current').current) ?? 512;
  if (opts.memMiB !== undefined && opts.memMiB !== mem) {
    set.memory = opts.memMiB;
    changes.push({ key: 'memory', from: `${mem} MiB`, to: `${opts.memMiB} MiB`, pending: false });
  }
  const cores = num(config.cores) ?? 1;
  if (opts.cores !== undefined && opts.cores !== cores) {
    set.cores = opts.cores;
    changes.push({ key: 'cores', from: String(cores), to: String(opts.cores), pending: false });
  }
  const disk = opts.disk ? planDisk(g, config, opts.disk, opts.diskName) : undefined;
  if (disk) changes.push({ key: disk.key, from: toProxmoxSize(disk.from), to: toProxmoxSize(disk.to), pending: false });
  if (changes.length === 0) {
    ctx.info(`${kindLabel(g.type)} ${g.vmid} ${g.name} already has that size; nothing to change`);
    return;
  }

  const p = progress(ctx);
  if (Object.keys(set).length) await putConfig(client, g, set);
  if (disk) {
    const upid = await resizeDisk(client, g, disk.key, opts.disk!.param);
    if (upid && !ctx.globals.wait) changes.at(-1)!.upid = upid;
    if (upid && ctx.globals.wait) {
      p.step(`Growing ${disk.key} of ${kindLabel(g.type)} ${g.vmid} to ${toProxmoxSize(disk.to)}`);
      try {
        await waitTask(
          ctx,
          client,
          upid,
          ctx.globals.timeoutMs === undefined ? undefined : ctx.clock.now() + ctx.globals.timeoutMs,
          (l) => p.log(l),
        );
      } finally {
        p.stop();
      }
    }
  }
  if (ctx.globals.dryRun) return;
  await markPending(ctx, g, changes);
  await printChanges(ctx, g, changes);
  notePending(ctx, g, changes);
}

function planDisk(g: Guest, config: Record<string, unknown>, want: NonNullable<ResizeOptions['disk']>, name?: string) {
  const keys = diskKeys(g.type, config);
  const key = name ?? defaultDisk(g.type, config);
  if (!key || !keys.includes(key)) {
    const which = name ? `no disk "${name}"` : 'no disk to resize';
    throw new UsageError(`${kindLabel(g.type)} ${g.vmid} has ${which}; its disks: ${keys.join(', ') || 'none'}`, {
      hint: 'Pick one with --disk-name.',
    });
  }
  const from = proxmoxSizeToBytes(parsePropertyString(String(config[key]), 'file').size ?? '') ?? 0;
  const to = want.grow ? from + want.bytes : want.bytes;
  if (!want.grow && to < from) {
    throw new UsageError(
      `${key} of ${kindLabel(g.type)} ${g.vmid} is ${toProxmoxSize(from)}; disks can only grow, not shrink ` +
        `to ${toProxmoxSize(to)}`,
      {
        hint: `Grow it with e.g. --disk +10G, or give a size of at least ${toProxmoxSize(from)}.`,
      },
    );
  }
  return to === from ? undefined : { key, from, to };
}
